import { ConfigValidationError, validateEnvironment } from './environment';
import { parseDurations } from './configuration';

const db = 'postgres://postgres@127.0.0.1:5432/causeway';

describe(validateEnvironment.name, () => {
  it('fills the documented defaults', () => {
    const sut = validateEnvironment({ DATABASE_URL: db });
    expect(sut).toMatchObject({
      PORT: 3000,
      NODE_ENV: 'development',
      MIGRATIONS_RUN: true,
      LOG_LEVEL: 'log',
      AUTH_RATE_LIMIT_PER_MINUTE: 10,
      API_RATE_LIMIT_PER_MINUTE: 600,
      GRAPHQL_MAX_DEPTH: 10,
      GRAPHQL_MAX_COST: 10_000,
    });
    expect(sut.REDIS_URL).toBeUndefined();
  });

  it('reads numbers and booleans from strings', () => {
    const sut = validateEnvironment({
      DATABASE_URL: db,
      PORT: '8080',
      MIGRATIONS_RUN: 'false',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(sut.PORT).toBe(8080);
    expect(sut.MIGRATIONS_RUN).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer number$/],
    [{ PORT: '70000' }, /PORT must not be greater than 65535/],
    [{ NODE_ENV: 'production' }, /JWT_SECRET is required when NODE_ENV=production/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must be a redis:\/\/ connection URL/],
    [{ MIGRATIONS_RUN: 'maybe' }, /MIGRATIONS_RUN must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('refuses %j with one line naming the variable', (bad, message) => {
    const run = () => validateEnvironment({ DATABASE_URL: db, ...bad });
    expect(run).toThrow(ConfigValidationError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('names DATABASE_URL when it is missing or empty', () => {
    expect(() => validateEnvironment({})).toThrow(/DATABASE_URL is required/);
    expect(() => validateEnvironment({ DATABASE_URL: '' })).toThrow(/DATABASE_URL is required/);
  });

  it('accepts production with a long JWT secret', () => {
    expect(
      validateEnvironment({ DATABASE_URL: db, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })
        .NODE_ENV,
    ).toBe('production');
  });

  it('reads the webhook settings: defaults, a short test schedule, and refusals', () => {
    const defaults = validateEnvironment({ DATABASE_URL: db });
    expect(defaults).toMatchObject({
      WEBHOOKS_ALLOW_PRIVATE_TARGETS: false,
      WEBHOOKS_TIMEOUT_SECONDS: 10,
      WEBHOOKS_DISABLE_AFTER_HOURS: 72,
    });
    expect(parseDurations(defaults.WEBHOOKS_RETRY_SCHEDULE)).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(
      parseDurations(
        validateEnvironment({ DATABASE_URL: db, WEBHOOKS_RETRY_SCHEDULE: '200ms, 1s' })
          .WEBHOOKS_RETRY_SCHEDULE,
      ),
    ).toEqual([200, 1000]);
    expect(() => validateEnvironment({ DATABASE_URL: db, WEBHOOKS_TIMEOUT_SECONDS: '0' })).toThrow(
      /WEBHOOKS_TIMEOUT_SECONDS/,
    );
    expect(() => validateEnvironment({ DATABASE_URL: db, WEBHOOKS_TIMEOUT_SECONDS: '61' })).toThrow(
      /WEBHOOKS_TIMEOUT_SECONDS/,
    );
    expect(() =>
      validateEnvironment({ DATABASE_URL: db, WEBHOOKS_RETRY_SCHEDULE: '5 minutes' }),
    ).toThrow(/WEBHOOKS_RETRY_SCHEDULE must be/);
    expect(() =>
      validateEnvironment({ DATABASE_URL: db, WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'maybe' }),
    ).toThrow(/WEBHOOKS_ALLOW_PRIVATE_TARGETS must be true or false/);
  });
});
