import IORedis, { RedisOptions } from 'ioredis';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import type { QueueConfig } from '@causeway/config';
import { watchRedis } from './redis-outage';

export type QueueRole = 'producer' | 'consumer';

/** The PostgreSQL schema BullMQ keeps its tables in when there is no REDIS_URL. */
export const BULLMQ_PG_SCHEMA = 'bullmq';

/**
 * The `connection` for BullMQ. Redis: one ioredis client; a producer's fails fast while Redis is
 * down (no offline queue), a consumer's waits and reconnects. PostgreSQL: BullMQ's own backend,
 * registered as the process-wide default, migrating its schema under its own advisory lock.
 */
export function bullmqConnection(
  config: QueueConfig,
  role: QueueRole,
): { connection: unknown; redis?: IORedis } {
  if (config.backend === 'redis') {
    const options: RedisOptions =
      role === 'producer'
        ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 5000 }
        : { maxRetriesPerRequest: null, enableOfflineQueue: true };
    const redis = new IORedis(config.redisUrl!, { ...options, lazyConnect: false });
    watchRedis(redis); // reconnects by itself; one "Redis unreachable" line now and then, health reports it
    setDefaultBackendFactory(undefined);
    return { connection: redis, redis };
  }
  setDefaultBackendFactory(createPostgresBackend as never);
  return {
    connection: {
      connectionString: config.databaseUrl,
      schema: BULLMQ_PG_SCHEMA,
      migrate: true,
      max: 4,
    },
  };
}
