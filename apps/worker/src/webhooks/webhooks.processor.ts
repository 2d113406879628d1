import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job, MinimalJob, Queue } from 'bullmq';
import { queueConfig, QueueConfig } from '@causeway/config';
import { QueueName, WebhookDeliverData, WebhookJob, WORKER_OPTIONS } from '@causeway/queue';
import { WebhookDeliveries } from '@causeway/webhooks';
import { WebhookDispatch } from './webhook-dispatch';

/** The delay before retry n (1-based) is the job's own schedule (WEBHOOKS_RETRY_SCHEDULE when enqueued). */
export function webhookBackoff(
  attemptsMade: number,
  _type?: string,
  _err?: Error,
  job?: MinimalJob,
): number {
  const delays = (job?.data as WebhookDeliverData | undefined)?.retryDelaysMs ?? [5000];
  return delays[Math.min(attemptsMade - 1, delays.length - 1)] ?? 5000;
}

/** How often the sweeper looks for deliveries whose job was lost. */
const SWEEP_MS = 5000;
/** How often finished deliveries older than 30 days are pruned (a batch at a time). */
const PRUNE_MS = 15 * 60_000;

/**
 * Sends webhook deliveries: one attempt per job run, retried by BullMQ on the delivery's schedule.
 * Each attempt is I/O only and bounded by WEBHOOKS_TIMEOUT_SECONDS, so many webhooks are served
 * side by side; each webhook has one attempt in flight at a time (a lease on its row), and its
 * other jobs step aside (delayed, no attempt counted) instead of holding a slot.
 */
@Processor(QueueName.Webhooks, {
  ...WORKER_OPTIONS,
  concurrency: 32,
  settings: { backoffStrategy: webhookBackoff },
})
export class WebhooksProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(WebhooksProcessor.name);
  private timer?: NodeJS.Timeout;
  private sweeping = false;
  private lastPrune = 0;

  constructor(
    private readonly deliveries: WebhookDeliveries,
    private readonly dispatch: WebhookDispatch,
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue,
    @Inject(queueConfig.KEY) private readonly queueSettings: QueueConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async process(job: Job<WebhookDeliverData, void, WebhookJob>, token?: string): Promise<void> {
    const { deliveryId, retryDelaysMs } = job.data;
    const { outcome, retryInMs } = await this.deliveries.attempt(deliveryId, {
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      nextDelayMs: retryDelaysMs[Math.min(job.attemptsMade, retryDelaysMs.length - 1)] ?? 0,
    });
    if (outcome === 'busy') {
      await job.moveToDelayed(Date.now() + (retryInMs ?? 1000), token);
      throw new DelayedError();
    }
    // BullMQ retries after the schedule's delay; the delivery row already says when.
    if (outcome === 'retry') throw new Error(`delivery ${deliveryId} not accepted; retrying`);
  }

  /**
   * Re-enqueues PENDING deliveries overdue by OUTBOX_SWEEP_AFTER_SECONDS whose job is gone (lost
   * with a flushed Redis) or failed; jobs that exist are left alone.
   */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const lost: string[] = [];
      for (const id of await this.deliveries.overdue(this.queueSettings.outboxSweepAfterSeconds)) {
        const job = await this.queue.getJob(`whd-${id}`);
        if (!job) lost.push(id);
        else if (await job.isFailed()) await job.retry('failed');
      }
      await this.dispatch.enqueue(lost);
      if (lost.length > 0) this.logger.log(`re-enqueued ${lost.length} webhook deliveries`);
      if (Date.now() - this.lastPrune > PRUNE_MS) {
        this.lastPrune = Date.now();
        const pruned = await this.deliveries.prune();
        if (pruned > 0) this.logger.log(`pruned ${pruned} webhook deliveries older than 30 days`);
      }
    } catch (err) {
      this.logger.warn(`webhook sweep failed: ${(err as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }
}
