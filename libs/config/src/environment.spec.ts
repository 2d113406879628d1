import { ConfigValidationError, validateEnvironment } from './environment';

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
    const sut = validateEnvironment({ DATABASE_URL: db, PORT: '8080', MIGRATIONS_RUN: 'false', REDIS_URL: 'redis://127.0.0.1:6379' });
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
    expect(validateEnvironment({ DATABASE_URL: db, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).NODE_ENV).toBe('production');
  });
});
