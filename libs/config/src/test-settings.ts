/**
 * What the test harnesses read from the environment, in one place beside the apps' own
 * configuration: where their databases and Redis databases go. Plain functions (no validation
 * decorators), so the web app's Playwright set-up can import this file as it is.
 */
export interface TestSettings {
  /** A PostgreSQL server to make test databases on; unset: an embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** A Redis server for queues and events; unset: both on PostgreSQL. */
  redisUrl: string | undefined;
  /** Test databases are `<prefix>_<n>` (jest workers) and `<prefix>_web` (the browser tests). */
  dbPrefix: string;
  /** Redis databases from here on: `+<n>` per jest worker, `+5` for the browser tests. */
  redisDbBase: number;
  /** The sign-up and log-in budget per minute, when the harness raises it. */
  authRateLimitPerMinute: string | undefined;
}

export function testSettings(source: NodeJS.ProcessEnv = process.env): TestSettings {
  return {
    databaseUrl: source.DATABASE_URL || undefined,
    redisUrl: source.REDIS_URL || undefined,
    dbPrefix: source.CAUSEWAY_TEST_DB_PREFIX ?? 'causeway_test',
    redisDbBase: Number(source.CAUSEWAY_TEST_REDIS_DB_BASE ?? '10'),
    authRateLimitPerMinute: source.AUTH_RATE_LIMIT_PER_MINUTE,
  };
}

/** The environment for a process a harness starts: this one's, with `overrides` on top. */
export function childEnvironment(
  overrides: Record<string, string>,
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const inherited = Object.entries(source).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return { ...Object.fromEntries(inherited), ...overrides };
}
