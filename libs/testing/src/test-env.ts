import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testSettings } from '@causeway/config/test-settings';

/**
 * Test configuration. Two checkouts testing against the same servers at once set
 * CAUSEWAY_TEST_DB_PREFIX and CAUSEWAY_TEST_REDIS_DB_BASE apart (defaults causeway_test and 10). Each jest worker gets its own database (causeway_test_<worker>, made by
 * test/global-setup.mjs) and its own Redis db index, so test files in parallel never share state.
 */
export function workerId(): number {
  return Number(process.env.JEST_WORKER_ID ?? '1');
}

export function testDatabaseUrl(): string {
  const base = process.env.CAUSEWAY_TEST_BASE_URL ?? process.env.DATABASE_URL;
  if (!base)
    throw new Error(
      'no DATABASE_URL: run tests through jest (test/global-setup.mjs starts a PostgreSQL)',
    );
  const url = new URL(base);
  url.pathname = `/${testSettings().dbPrefix}_${workerId()}`;
  return url.toString();
}

export function testRedisUrl(): string | undefined {
  const base = process.env.CAUSEWAY_TEST_REDIS_URL ?? process.env.REDIS_URL;
  if (!base) return undefined;
  const url = new URL(base);
  url.pathname = `/${testSettings().redisDbBase + workerId()}`;
  return url.toString();
}

/** Where this jest worker's processes write their log lines (JSON), scanned for secrets after each test file. */
export function testLogFile(): string {
  return join(
    __dirname,
    '..',
    '..',
    '..',
    '.data',
    'test-logs',
    `${testSettings().dbPrefix}_${workerId()}.log`,
  );
}

export function configureTestEnvironment(): void {
  process.env.CAUSEWAY_TEST_BASE_URL ??= process.env.DATABASE_URL;
  if (process.env.REDIS_URL) process.env.CAUSEWAY_TEST_REDIS_URL ??= process.env.REDIS_URL;
  process.env.DATABASE_URL = testDatabaseUrl();
  const redis = testRedisUrl();
  if (redis) process.env.REDIS_URL = redis;
  else delete process.env.REDIS_URL;
  process.env.NODE_ENV = 'test';
  process.env.PORT = '0';
  process.env.JWT_SECRET = 'test-secret-for-jest-only-0123456789abcdef';
  // Every line at info and above goes to a file (quiet test output), scanned for secrets (test/log-guard.ts).
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'log';
  process.env.LOG_FILE = testLogFile();
  process.env.WORKER_HTTP_PORT = '0';
  process.env.AUTH_RATE_LIMIT_PER_MINUTE = '100000';
  process.env.API_RATE_LIMIT_PER_MINUTE = '1000000';
  // Emails of tests that start no SMTP server go to files outside the checkout.
  delete process.env.SMTP_URL;
  process.env.MAIL_DIR = `${tmpdir()}/causeway-test-mail-${workerId()}`;
}

/** Switches this test file to the PostgreSQL-only backends (no Redis), whatever the run uses. */
export function usePostgresOnlyBackends(): void {
  delete process.env.REDIS_URL;
}
