import { Logger, OnModuleInit } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { assertNever } from '@causeway/common';
import { FanOutService } from '@causeway/feed';
import { chunkJob } from '@causeway/feed/feed-outbox-routes';
import { DomainEvent, EventHandlers } from '@causeway/outbox';
import {
  FanOutChunkData,
  FanOutUpdateData,
  FeedJob,
  QueueName,
  WORKER_OPTIONS,
} from '@causeway/queue';

/**
 * The fan-out: a root job per update plans chunks and enqueues them (`addBulk`, job ids derived
 * from the update and chunk, so re-running the root enqueues nothing twice); chunk jobs deliver.
 * The feed's outbox route (libs/feed) sends `update-posted` here; the fan-out completes the outbox
 * row when its last chunk is delivered. Also keeps feeds in step with follows: backfill on
 * follow, removal on unfollow.
 */
@Processor(QueueName.Feed, { ...WORKER_OPTIONS, concurrency: 4 })
export class FeedProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(FeedProcessor.name);

  constructor(
    private readonly fanOut: FanOutService,
    private readonly handlers: EventHandlers,
    @InjectQueue(QueueName.Feed) private readonly queue: Queue,
  ) {
    super();
  }

  onModuleInit(): void {
    this.handlers.on(DomainEvent.Followed, (data) => this.fanOut.backfill(data));
    this.handlers.on(DomainEvent.Unfollowed, (data) => this.fanOut.removeUnfollowed(data));
  }

  async process(job: Job<FanOutUpdateData | FanOutChunkData, void, FeedJob>): Promise<void> {
    switch (job.name) {
      case FeedJob.FanOutUpdate: {
        const { updateId, eventId } = job.data;
        // Other reactions to a posted update (webhooks) ride on the root job: idempotent, so a re-run is harmless.
        await this.handlers.run(DomainEvent.UpdatePosted, { updateId }, eventId);
        const { pending } = await this.fanOut.plan(updateId, eventId);
        if (pending.length > 0) {
          await this.queue.addBulk(
            pending
              .map((seq) =>
                chunkJob(updateId, eventId, seq, (job.data as { requestId?: string }).requestId),
              )
              .map(({ name, data, jobId }) => ({ name, data, opts: { jobId } })),
          );
        }
        this.logger.debug(`update ${updateId}: ${pending.length} chunk(s) enqueued`);
        return;
      }
      case FeedJob.FanOutChunk: {
        const { updateId, eventId, seq } = job.data as FanOutChunkData;
        return this.fanOut.deliver(updateId, eventId, seq);
      }
      default:
        assertNever(job.name);
    }
  }
}
