import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { DomainEvent, EventHandlers, EventJobData } from '@causeway/outbox';
import { QueueName, WORKER_OPTIONS } from '@causeway/queue';

/** Runs the handlers of each domain event relayed to the events queue; they complete its outbox row. */
@Processor(QueueName.Events, { ...WORKER_OPTIONS, concurrency: 8 })
export class EventsProcessor extends WorkerHost {
  private readonly logger = new Logger(EventsProcessor.name);

  constructor(private readonly handlers: EventHandlers) {
    super();
  }

  async process(job: Job<EventJobData, void, DomainEvent>): Promise<void> {
    const { eventId } = job.data;
    await this.handlers.handle(job.name, job.data, eventId);
    this.logger.debug(`event ${job.name} ${eventId} handled`);
  }
}
