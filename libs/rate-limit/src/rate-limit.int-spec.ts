import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@causeway/common';
import { baseDataSourceOptions, runMigrationsLocked } from '@causeway/database';
import { PostgresRateLimitStore, RateLimitStore, RedisRateLimitStore } from './rate-limit.store';
import { RateLimiter } from './rate-limit.module';

let dataSource: DataSource;
beforeAll(async () => {
  dataSource = new DataSource({
    ...baseDataSourceOptions(process.env.DATABASE_URL!),
    entities: [],
  });
  await dataSource.initialize();
  await runMigrationsLocked(dataSource);
});
afterAll(() => dataSource.destroy());

const stores: [string, () => RateLimitStore][] = [
  ['PostgreSQL', () => new PostgresRateLimitStore(dataSource)],
];
if (process.env.REDIS_URL)
  stores.push(['Redis', () => new RedisRateLimitStore(process.env.REDIS_URL!)]);

describe.each(stores)('rate limits in %s', (_name, make) => {
  it('shares one budget between API processes and says when to retry', async () => {
    const [a, b] = [make(), make()];
    try {
      const key = `test:${Math.random()}`;
      const hits = [];
      for (let i = 0; i < 3; i++) hits.push(await a.hit(key, 60), await b.hit(key, 60));
      expect(hits.map((h) => h.count)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(hits.every((h) => h.resetSeconds >= 1 && h.resetSeconds <= 60)).toBe(true);

      const limiter = new RateLimiter(a);
      const key2 = `test:${Math.random()}`;
      await limiter.consume(key2, 2);
      await limiter.consume(key2, 2);
      const over = await limiter.consume(key2, 2).catch((e: unknown) => e);
      expect(over).toBeInstanceOf(DomainError);
      expect((over as DomainError).code).toBe(ErrorCode.RateLimited);
      expect((over as DomainError).details.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

// Only where the tests have a Redis (as the Redis store above).
if (process.env.REDIS_URL)
  describe('batched counting on Redis (RateLimiter with a limit)', () => {
    it('two API processes admit the limit, at most a twentieth more per other process', async () => {
      const [a, b] = [
        new RedisRateLimitStore(process.env.REDIS_URL!),
        new RedisRateLimitStore(process.env.REDIS_URL!),
      ];
      try {
        const limiters = [new RateLimiter(a), new RateLimiter(b)];
        const key = `test:${Math.random()}`;
        const limit = 40;
        let admitted = 0;
        for (let i = 0; i < 120; i++) {
          const ok = await limiters[i % 2].consume(key, limit).then(
            () => true,
            () => false,
          );
          if (ok) admitted++;
        }
        expect(admitted).toBeGreaterThanOrEqual(limit);
        expect(admitted).toBeLessThanOrEqual(limit + limit / 20);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
