import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainEvent, EventJobData } from '@causeway/outbox';
import { QueueName, WORKER_OPTIONS } from '@causeway/queue';
import { completeOutboxEvent, EventHandlers } from './event-handlers';

/** Runs the handlers of each relayed domain event, then marks its outbox row completed. */
@Processor(QueueName.Events, { ...WORKER_OPTIONS, concurrency: 8 })
export class EventsProcessor extends WorkerHost {
  private readonly logger = new Logger(EventsProcessor.name);

  constructor(
    private readonly handlers: EventHandlers,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    super();
  }

  async process(job: Job<EventJobData, void, DomainEvent>): Promise<void> {
    const { eventId } = job.data;
    await this.handlers.run(job.name, job.data, eventId);
    await completeOutboxEvent(this.db.manager, eventId);
    this.logger.debug(`event ${job.name} ${eventId} handled`);
  }
}
