import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseConfig, DatabaseConfig, queueConfig, QueueConfig } from '@causeway/config';
import { DomainEvent, OUTBOX_CHANNEL } from '@causeway/outbox';
import { QueueName } from '@causeway/queue';
import { chunkRoute, OutboxRow, Route, routeOf } from './outbox-routes';

const BATCH = 500;
const POLL_MS = 1000;

/**
 * Turns outbox rows into jobs. Woken by NOTIFY when a writing transaction commits, and by a poll
 * as a fallback; rows are claimed with SKIP LOCKED, so any number of workers relay side by side.
 * The sweeper re-enqueues rows relayed long ago and never completed (the job was lost with a
 * flushed or restarted Redis, or failed for good), so no work is ever lost.
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
    @Inject(databaseConfig.KEY) private readonly database: DatabaseConfig,
    @Inject(queueConfig.KEY) private readonly queueSettings: QueueConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
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
    const rows = await this.claim(`relayed_at IS NULL AND completed_at IS NULL`, []);
    if (rows.length === 0) return 0;
    try {
      await this.enqueue(rows);
    } catch (err) {
      await this.db.query(
        'UPDATE outbox_events SET relayed_at = NULL WHERE id = ANY($1::uuid[]) AND completed_at IS NULL',
        [rows.map((r) => r.id)],
      );
      throw err;
    }
    return rows.length;
  }

  /**
   * Re-enqueues the work of rows relayed more than OUTBOX_SWEEP_AFTER_SECONDS ago and still not
   * completed: each job that is missing (lost with Redis) is added again and each that failed for
   * good is retried; for an update's fan-out, so is every chunk not yet delivered.
   */
  async sweep(): Promise<number> {
    const rows = await this.claim(
      `completed_at IS NULL AND relayed_at < now() - make_interval(secs => $1)`,
      [this.queueSettings.outboxSweepAfterSeconds],
    );
    for (const row of rows) {
      for (const route of await this.routesOf(row)) {
        const queue = this.queue(route.queue);
        const job = await queue.getJob(route.jobId);
        if (!job) await queue.add(route.name, route.data, { jobId: route.jobId });
        else if (await job.isFailed()) await job.retry('failed');
      }
    }
    if (rows.length > 0) this.logger.log(`swept ${rows.length} outbox events`);
    return rows.length;
  }

  /** Marks up to BATCH rows matching `where` relayed now and returns them (SKIP LOCKED: workers never share a row). */
  private claim(where: string, params: unknown[]): Promise<OutboxRow[]> {
    return this.db.query(
      `WITH picked AS (SELECT id FROM outbox_events WHERE ${where} ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED),
            claimed AS (UPDATE outbox_events o SET relayed_at = now() FROM picked WHERE o.id = picked.id RETURNING o.id, o.type, o.payload, o.request_id)
       SELECT id, type, payload, request_id FROM claimed ORDER BY id`,
      params,
    );
  }

  /** The jobs an outbox row stands for: its own, and for an update's fan-out the chunks not yet delivered. */
  private async routesOf(row: OutboxRow): Promise<Route[]> {
    const route = routeOf(row);
    if (row.type !== DomainEvent.UpdatePosted) return [route];
    const pending: { seq: number }[] = await this.db.query(
      'SELECT seq FROM fanout_chunks WHERE update_id = $1 AND done_at IS NULL ORDER BY seq',
      [row.payload.updateId],
    );
    return [
      route,
      ...pending.map((c) =>
        chunkRoute(String(row.payload.updateId), row.id, c.seq, row.request_id),
      ),
    ];
  }

  private async enqueue(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<
      QueueName,
      { name: string; data: Record<string, unknown>; opts: { jobId: string } }[]
    >();
    for (const row of rows) {
      const route = routeOf(row);
      byQueue.set(route.queue, [
        ...(byQueue.get(route.queue) ?? []),
        { name: route.name, data: route.data, opts: { jobId: route.jobId } },
      ]);
    }
    for (const [name, jobs] of byQueue) await this.queue(name).addBulk(jobs);
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
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
