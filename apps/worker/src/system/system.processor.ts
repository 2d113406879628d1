import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { assertNever } from '@causeway/common';
import { EventBus, PingData, QueueName, SystemJob, Topics, WORKER_OPTIONS } from '@causeway/queue';

/** Answers the wiring probe. Idempotent: a retried ping publishes the same pong again. */
@Processor(QueueName.System, WORKER_OPTIONS)
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemProcessor.name);
  constructor(private readonly bus: EventBus) {
    super();
  }

  async process(job: Job<PingData, void, SystemJob>): Promise<void> {
    switch (job.name) {
      case SystemJob.Ping:
        await this.bus.publish(Topics.systemPong, { pingId: job.data.pingId });
        this.logger.debug(`pong ${job.data.pingId}`);
        return;
      default:
        assertNever(job.name);
    }
  }
}
