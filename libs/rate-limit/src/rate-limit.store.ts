import { DataSource } from 'typeorm';
import IORedis from 'ioredis';
import { redisOutage, watchRedis } from '@causeway/queue';
import { BatchedCounter } from './batched-counter';

export interface Hit {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

/**
 * Fixed one-minute windows shared by every API process: Redis when REDIS_URL is set,
 * an UNLOGGED PostgreSQL table otherwise.
 */
export abstract class RateLimitStore {
  /**
   * Counts a hit. With `limit`, a store may count far-from-the-limit hits locally and send them in
   * batches (Redis: BatchedCounter); without it every hit is a round trip and the count is exact.
   */
  abstract hit(key: string, windowSeconds: number, limit?: number): Promise<Hit>;
  abstract close(): Promise<void>;

  protected window(windowSeconds: number): { id: number; resetSeconds: number } {
    const now = Date.now() / 1000;
    const id = Math.floor(now / windowSeconds);
    return { id, resetSeconds: Math.max(1, Math.ceil((id + 1) * windowSeconds - now)) };
  }
}

/**
 * Counts in this process's memory: the fallback while Redis is unreachable (the same budgets, but
 * per API process until Redis answers again).
 */
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly counts = new Map<string, number>();
  private windowId = 0;
  hit(key: string, windowSeconds: number): Promise<Hit> {
    const { id, resetSeconds } = this.window(windowSeconds);
    if (id !== this.windowId) {
      this.counts.clear(); // a new window: every budget starts again
      this.windowId = id;
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return Promise.resolve({ count, resetSeconds });
  }
  async close(): Promise<void> {}
}

export class RedisRateLimitStore extends RateLimitStore {
  private readonly redis: IORedis;
  private readonly fallback = new MemoryRateLimitStore();
  /** Hits counted in this process and sent together (one pipelined round trip per 50 ms). */
  private readonly batched: BatchedCounter;
  private batchedWindow = 0;
  /** Resolves when the first connection is made (or after 2 s): hits wait for it once, at start. */
  private readonly firstConnection: Promise<void>;
  constructor(url: string) {
    super();
    // No offline queue: while Redis is down a hit fails at once and counts in memory instead.
    this.redis = watchRedis(
      new IORedis(url, {
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        enableOfflineQueue: false,
      }),
    );
    this.firstConnection = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      timer.unref();
      this.redis.once('ready', () => (clearTimeout(timer), resolve()));
    });
    this.batched = new BatchedCounter((batch) => sendBatch(this.redis, batch, 65));
  }
  async hit(key: string, windowSeconds: number, limit?: number): Promise<Hit> {
    if (this.redis.status !== 'ready' && !redisOutage.down) await this.firstConnection;
    if (this.redis.status !== 'ready') return this.fallback.hit(key, windowSeconds);
    const { id, resetSeconds } = this.window(windowSeconds);
    const k = `causeway:rl:${key}:${id}`;
    if (limit !== undefined && windowSeconds === 60) {
      if (id !== this.batchedWindow) {
        this.batchedWindow = id;
        this.batched.forgetExcept((key) => key.endsWith(`:${id}`));
      }
      try {
        return { count: await this.batched.hit(k, limit), resetSeconds };
      } catch (err) {
        redisOutage.failed(err);
        return this.fallback.hit(key, windowSeconds);
      }
    }
    try {
      const res = await this.redis
        .multi()
        .incr(k)
        .expire(k, windowSeconds + 5)
        .exec();
      return { count: Number(res?.[0]?.[1] ?? 1), resetSeconds };
    } catch (err) {
      redisOutage.failed(err);
      return this.fallback.hit(key, windowSeconds);
    }
  }
  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.batched.close();
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    else this.redis.disconnect();
  }
}

/** INCRBY and EXPIRE for each key, pipelined: one round trip for the whole batch. */
async function sendBatch(
  redis: IORedis,
  batch: { key: string; n: number }[],
  ttlSeconds: number,
): Promise<number[]> {
  const pipeline = redis.pipeline();
  for (const { key, n } of batch) pipeline.incrby(key, n).expire(key, ttlSeconds);
  const res = (await pipeline.exec()) ?? [];
  return batch.map((_, i) => {
    const [err, total] = res[2 * i] ?? [new Error('no reply')];
    if (err) throw err;
    return Number(total);
  });
}

export class PostgresRateLimitStore extends RateLimitStore {
  private hits = 0;
  constructor(private readonly dataSource: DataSource) {
    super();
  }
  async hit(key: string, windowSeconds: number): Promise<Hit> {
    const { id, resetSeconds } = this.window(windowSeconds);
    const rows: { count: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_counter (key, expires_at, count) VALUES ($1, now() + make_interval(secs => $2), 1)
       ON CONFLICT (key) DO UPDATE SET count = rate_limit_counter.count + 1
       RETURNING count`,
      [`${key}:${id}`, windowSeconds + 5],
    );
    if (++this.hits % 500 === 0) {
      await this.dataSource.query('DELETE FROM rate_limit_counter WHERE expires_at < now()');
    }
    return { count: Number(rows[0].count), resetSeconds };
  }
  async close(): Promise<void> {}
}
