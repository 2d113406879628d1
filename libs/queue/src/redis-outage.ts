import { Logger } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DomainError, ErrorCode } from '@causeway/common';

/** Seconds a client is told to wait when Redis is unreachable. */
export const REDIS_RETRY_AFTER_SECONDS = 5;
/** While Redis stays unreachable, the log repeats "Redis unreachable" at most this often. */
const REPEAT_MS = 60_000;

const logger = new Logger('Redis');
let downSince: number | undefined;
let lastLogged = 0;
let lastCause = '';

/**
 * The one log of a Redis outage for the whole process: "Redis unreachable" when the first client
 * fails, again at most once a minute while it lasts, and "Redis reachable again" when a client
 * reconnects. Every ioredis client and BullMQ queue reports here instead of logging per error.
 */
export const redisOutage = {
  failed(err: unknown): void {
    const e = err as { code?: string; message?: string };
    lastCause = e?.code ?? e?.message ?? String(err);
    const now = Date.now();
    if (downSince === undefined) downSince = now;
    if (now - lastLogged < REPEAT_MS) return;
    lastLogged = now;
    const forSeconds = Math.round((now - downSince) / 1000);
    logger.warn(
      `Redis unreachable (${lastCause})${forSeconds > 0 ? ` for ${forSeconds} s` : ''}; reads go on, retrying in the background`,
    );
  },
  recovered(): void {
    if (downSince === undefined) return;
    logger.log(`Redis reachable again after ${Math.round((Date.now() - downSince) / 1000)} s`);
    downSince = undefined;
    lastLogged = 0;
  },
  /** True while some client has failed and none has reconnected since. */
  get down(): boolean {
    return downSince !== undefined;
  },
};

/** Routes a client's errors to the outage log (an ioredis client without an error listener prints each one). */
export function watchRedis(client: IORedis): IORedis {
  client.on('error', (err) => redisOutage.failed(err));
  client.on('ready', () => redisOutage.recovered());
  return client;
}

/** The error an operation gets when it needs Redis now and Redis is unreachable. */
export function redisUnavailable(): DomainError {
  return new DomainError(
    ErrorCode.ServiceUnavailable,
    'The service is briefly unavailable; try again shortly.',
    {
      retryAfterSeconds: REDIS_RETRY_AFTER_SECONDS,
    },
  );
}

/** True for ioredis's "cannot reach Redis now" errors (closed connection, no offline queue, retries exhausted). */
export function isRedisConnectionError(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: string } | undefined;
  if (!e) return false;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(e.code ?? '') &&
    /redis|6379|connect/i.test(e.message ?? '')
  )
    return true;
  return /Stream isn't writeable and enableOfflineQueue options is false|Connection is closed\.|Reached the max retries per request limit/.test(
    e.message ?? '',
  );
}
