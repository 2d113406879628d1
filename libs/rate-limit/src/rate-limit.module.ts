import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfigModule, queueConfig, QueueConfig } from '@causeway/config';
import { DomainError, ErrorCode } from '@causeway/common';
import { PostgresRateLimitStore, RateLimitStore, RedisRateLimitStore } from './rate-limit.store';

/** Counts a request against a per-minute budget; over it, throws RATE_LIMITED with retryAfterSeconds. */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  constructor(@Inject(RateLimitStore) private readonly store: RateLimitStore) {}

  async consume(key: string, limitPerMinute: number): Promise<void> {
    const { count, resetSeconds } = await this.store.hit(key, 60, limitPerMinute);
    if (count > limitPerMinute) {
      throw new DomainError(
        ErrorCode.RateLimited,
        `Too many requests; try again in ${resetSeconds} seconds.`,
        {
          retryAfterSeconds: resetSeconds,
        },
      );
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}

@Module({
  imports: [ConfigModule],
  providers: [
    {
      provide: RateLimitStore,
      inject: [queueConfig.KEY, DataSource],
      useFactory: (config: QueueConfig, dataSource: DataSource) =>
        config.backend === 'redis'
          ? new RedisRateLimitStore(config.redisUrl!)
          : new PostgresRateLimitStore(dataSource),
    },
    RateLimiter,
  ],
  exports: [RateLimiter],
})
export class RateLimitModule {}
