import { Inject, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { assertNever } from '@causeway/common';
import { mailConfig, MailConfig } from '@causeway/config';
import { DigestsService, DueDigest } from '@causeway/digest';
import { DomainEvent, EventHandlers } from '@causeway/outbox';
import { DigestJob, QueueName, SendDigestData, WORKER_OPTIONS } from '@causeway/queue';

/** The job scheduler's id: every worker upserts the same one, so there is one schedule. */
export const DIGEST_SCHEDULER_ID = 'digest-planner';

/** The job of one person's digest for one period: its id derives from both, so it is enqueued once. */
export const sendDigestJob = (d: DueDigest) => ({
  name: DigestJob.Send,
  data: { userId: d.userId, periodEnd: d.periodEnd.toISOString() } satisfies SendDigestData,
  opts: { jobId: `digest-${d.userId}-${d.periodEnd.getTime()}` },
});

/**
 * The digest. A BullMQ job scheduler runs `plan-digests` every DIGEST_PLAN_EVERY_SECONDS; it
 * writes the ledger rows of whoever is due (one worker at a time) and enqueues one `send-digest`
 * job per row not sent yet (also rows whose job was lost: the plan is the sweeper too).
 * `send-digests --now` writes rows and a `digests-due` event, which enqueues them at once.
 */
@Processor(QueueName.Digest, { ...WORKER_OPTIONS, concurrency: 4 })
export class DigestProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DigestProcessor.name);

  constructor(
    private readonly digests: DigestsService,
    private readonly handlers: EventHandlers,
    @InjectQueue(QueueName.Digest) private readonly queue: Queue,
    @Inject(mailConfig.KEY) private readonly mail: MailConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.handlers.on(
      DomainEvent.DigestsDue,
      async () => void (await this.enqueue(this.digests.unsent())),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      DIGEST_SCHEDULER_ID,
      { every: this.mail.digestPlanEverySeconds * 1000 },
      { name: DigestJob.Plan, data: {} },
    );
  }

  async process(
    job: Job<SendDigestData | Record<string, never>, unknown, DigestJob>,
  ): Promise<unknown> {
    switch (job.name) {
      case DigestJob.Plan:
        return this.enqueue(this.digests.planDue().then((due) => due ?? []));
      case DigestJob.Send: {
        const { userId, periodEnd } = job.data as SendDigestData;
        const outcome = await this.digests.send(userId, new Date(periodEnd));
        this.logger.debug(`digest ${userId} ${periodEnd}: ${outcome}`);
        return outcome;
      }
      default:
        assertNever(job.name);
    }
  }

  private async enqueue(due: Promise<DueDigest[]>): Promise<number> {
    const rows = await due;
    for (let i = 0; i < rows.length; i += 500)
      await this.queue.addBulk(rows.slice(i, i + 500).map(sendDigestJob));
    return rows.length;
  }
}
