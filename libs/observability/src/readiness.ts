import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { EventBus, QueueName } from '@causeway/queue';

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

export type CheckState = 'up' | 'down';
export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { database: CheckState; queue: CheckState; pubsub: CheckState };
}

/**
 * /health/ready on both processes: the database, the queue backend and the pub/sub transport, each
 * named, each given 2 s. (/health is liveness only: the process answers.)
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.System) private readonly queue: Queue,
    private readonly bus: EventBus,
  ) {}

  async check(): Promise<Readiness> {
    const state = (p: Promise<unknown>): Promise<CheckState> =>
      within(2000, p).then(
        () => 'up' as const,
        () => 'down' as const,
      );
    const [database, queue, pubsub] = await Promise.all([
      state(this.dataSource.query('SELECT 1')),
      state(this.queue.getJobCounts('waiting')),
      state(this.bus.check()),
    ]);
    const ok = database === 'up' && queue === 'up' && pubsub === 'up';
    return { status: ok ? 'ok' : 'unavailable', checks: { database, queue, pubsub } };
  }
}
