import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseConfig, DatabaseConfig, queueConfig, QueueConfig } from '@causeway/config';
import { QueueName, Queues } from '@causeway/queue';
import { EventHandlers, unhandledEvents } from './event-handlers';
import { OUTBOX_CHANNEL, OutboxRepository, OutboxRow } from './outbox.repository';
import { OutboxRoutes } from './outbox-routes';

const BATCH = 500;
const POLL_MS = 1000;

/**
 * Turns outbox rows into jobs. Woken by NOTIFY when a writing transaction commits, and by a poll
 * as a fallback; rows are claimed with SKIP LOCKED, so any number of workers relay side by side.
 * The sweeper re-enqueues rows relayed long ago and never completed (the job was lost with a
 * flushed or restarted Redis, or failed for good), so no work is ever lost. Where each event goes
 * is the route registry's business: the relay knows no domain.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;
  private lastSweep = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rows: OutboxRepository,
    private readonly routes: OutboxRoutes,
    private readonly handlers: EventHandlers,
    private readonly queues: Queues,
    @Inject(databaseConfig.KEY) private readonly database: DatabaseConfig,
    @Inject(queueConfig.KEY) private readonly queueSettings: QueueConfig,
  ) {}

  /** After every module registered its routes and handlers (onModuleInit): an event nobody takes stops the worker. */
  async onApplicationBootstrap(): Promise<void> {
    const orphans = unhandledEvents(this.routes.routed(), this.handlers.handled());
    if (orphans.length > 0) {
      throw new Error(
        `domain events with neither an outbox route nor a handler: ${orphans.join(', ')}`,
      );
    }
    await this.listen();
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
  }

  /** Runs a relay pass now, or right after the one in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass()
      .catch((err: Error) => this.logger.warn(`relay pass failed: ${err.message}`))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async pass(): Promise<void> {
    while (!this.stopped && (await this.relayBatch()) === BATCH);
    if (Date.now() - this.lastSweep >= POLL_MS * 2) {
      this.lastSweep = Date.now();
      await this.sweep();
    }
  }

  /**
   * Claims unrelayed rows (marks them relayed and commits, so no lock is held while Redis is
   * talked to), then enqueues them; if that fails they are released for the next pass.
   */
  async relayBatch(): Promise<number> {
    const rows = await this.rows.claimUnrelayed(this.db.manager, BATCH);
    if (rows.length === 0) return 0;
    try {
      await this.enqueue(rows);
    } catch (err) {
      await this.rows.release(
        this.db.manager,
        rows.map((r) => r.id),
      );
      throw err;
    }
    return rows.length;
  }

  /**
   * Re-enqueues the work of rows relayed more than OUTBOX_SWEEP_AFTER_SECONDS ago and still not
   * completed: each job that is missing (lost with Redis) is added again and each that failed for
   * good is retried, and so is what the row's route left unfinished (an update's undelivered chunks).
   */
  async sweep(): Promise<number> {
    const rows = await this.rows.claimStale(
      this.db.manager,
      this.queueSettings.outboxSweepAfterSeconds,
      BATCH,
    );
    for (const row of rows) {
      for (const route of await this.routes.sweepJobsOf(row)) {
        const queue = this.queues.get(route.queue);
        const job = await queue.getJob(route.jobId);
        if (!job) await queue.add(route.name, route.data, { jobId: route.jobId });
        else if (await job.isFailed()) await job.retry('failed');
      }
    }
    if (rows.length > 0) this.logger.log(`swept ${rows.length} outbox events`);
    return rows.length;
  }

  private async enqueue(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<
      QueueName,
      { name: string; data: Record<string, unknown>; opts: { jobId: string } }[]
    >();
    for (const row of rows) {
      const route = this.routes.routeOf(row);
      byQueue.set(route.queue, [
        ...(byQueue.get(route.queue) ?? []),
        { name: route.name, data: route.data, opts: { jobId: route.jobId } },
      ]);
    }
    for (const [name, jobs] of byQueue) await this.queues.get(name).addBulk(jobs);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.database.url });
    client.on('error', (err) => this.logger.warn(`outbox listener: ${err.message}`));
    client.on('notification', () => this.kick());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (err) {
      this.logger.warn(`outbox listener unavailable, polling only: ${(err as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }
}
