import { DataSource } from 'typeorm';
import IORedis from 'ioredis';

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
  abstract hit(key: string, windowSeconds: number): Promise<Hit>;
  abstract close(): Promise<void>;

  protected window(windowSeconds: number): { id: number; resetSeconds: number } {
    const now = Date.now() / 1000;
    const id = Math.floor(now / windowSeconds);
    return { id, resetSeconds: Math.max(1, Math.ceil((id + 1) * windowSeconds - now)) };
  }
}

export class RedisRateLimitStore extends RateLimitStore {
  private readonly redis: IORedis;
  constructor(url: string) {
    super();
    this.redis = new IORedis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
  }
  async hit(key: string, windowSeconds: number): Promise<Hit> {
    const { id, resetSeconds } = this.window(windowSeconds);
    const k = `causeway:rl:${key}:${id}`;
    const res = await this.redis.multi().incr(k).expire(k, windowSeconds + 5).exec();
    return { count: Number(res?.[0]?.[1] ?? 1), resetSeconds };
  }
  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
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
