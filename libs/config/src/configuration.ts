import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigType, registerAs } from '@nestjs/config';
import { validateEnvironment } from './environment';

/** The process environment, validated once. Everything below reads from here. */
let cached: ReturnType<typeof validateEnvironment> | undefined;
export function env() {
  cached ??= validateEnvironment(process.env);
  return cached;
}
/** Forget the cached environment (tests change process.env between apps). */
export function resetEnvironmentCache(): void {
  cached = undefined;
}

/**
 * The CLI without DATABASE_URL: use the embedded database of a running `npm start`, whose URL
 * scripts/dev.mjs keeps in .data/database-url (CAUSEWAY_DATA_DIR/database-url) while it runs.
 * Returns true when it did.
 */
export function useLocalDatabaseUrl(cwd = process.cwd()): boolean {
  if (process.env.DATABASE_URL) return false;
  const file = join(process.env.CAUSEWAY_DATA_DIR || join(cwd, '.data'), 'database-url');
  if (!existsSync(file)) return false;
  process.env.DATABASE_URL = readFileSync(file, 'utf8').trim();
  resetEnvironmentCache();
  return true;
}

export const appConfig = registerAs('app', () => {
  const e = env();
  return {
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    isDevelopment: e.NODE_ENV === 'development',
    port: e.PORT,
    host: e.HOST ?? (e.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    workerHttpPort: e.WORKER_HTTP_PORT,
    metricsToken: e.METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    logFormat:
      e.LOG_FORMAT ?? (e.NODE_ENV === 'development' ? ('pretty' as const) : ('json' as const)),
    logFile: e.LOG_FILE,
  };
});

export const databaseConfig = registerAs('database', () => {
  const e = env();
  return { url: e.DATABASE_URL, migrationsRun: e.MIGRATIONS_RUN };
});

export const queueConfig = registerAs('queue', () => {
  const e = env();
  /** No REDIS_URL: BullMQ and pub/sub run on PostgreSQL (the embedded default). */
  return {
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    backend: e.REDIS_URL ? ('redis' as const) : ('postgres' as const),
    outboxSweepAfterSeconds: e.OUTBOX_SWEEP_AFTER_SECONDS,
    fanOutChunkSize: e.FANOUT_CHUNK_SIZE,
  };
});

/** Without JWT_SECRET outside production, each process makes its own secret (tokens do not survive a restart). */
const ephemeralSecret = randomBytes(32).toString('hex');
export const authConfig = registerAs('auth', () => {
  const e = env();
  const jwtSecret = e.JWT_SECRET ?? ephemeralSecret;
  return {
    jwtSecret,
    /**
     * The secret as a KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it
     * as a public key on every verification, which costs more than the HMAC itself.
     */
    jwtKey: createSecretKey(Buffer.from(jwtSecret)),
    jwtSecretIsEphemeral: e.JWT_SECRET === undefined,
    accessTokenTtlSeconds: 15 * 60,
    refreshTokenTtlDays: 30,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
  };
});

export const apiConfig = registerAs('api', () => {
  const e = env();
  return {
    rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    maxDepth: e.GRAPHQL_MAX_DEPTH,
    maxCost: e.GRAPHQL_MAX_COST,
    maxAliases: e.GRAPHQL_MAX_ALIASES,
    maxTokens: e.GRAPHQL_MAX_TOKENS,
    maxBodyBytes: 1024 * 1024,
    /** Pagination cursors' MAC secret: CURSOR_SECRET, or one derived from the JWT secret. */
    cursorSecret:
      e.CURSOR_SECRET ??
      createHmac('sha256', e.JWT_SECRET ?? ephemeralSecret)
        .update('causeway-cursors')
        .digest('hex'),
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
  };
});

export const mailConfig = registerAs('mail', () => {
  const e = env();
  return {
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    /** Links in emails start here (no trailing slash). */
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mailDir: e.MAIL_DIR,
    /** No SMTP_URL: files outside production; in production, mail is refused (logged). */
    transport: e.SMTP_URL
      ? ('smtp' as const)
      : e.NODE_ENV === 'production'
        ? ('none' as const)
        : ('files' as const),
    digestHour: e.DIGEST_HOUR,
    digestPlanEverySeconds: e.DIGEST_PLAN_EVERY_SECONDS,
  };
});

/** Parses WEBHOOKS_RETRY_SCHEDULE (validated) into milliseconds. */
export function parseDurations(list: string): number[] {
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return list.split(',').map((d) => {
    const [, n, u] = /^(\d+)(ms|s|m|h)$/.exec(d.trim())!;
    return Number(n) * unit[u];
  });
}

export const integrationsConfig = registerAs('integrations', () => {
  const e = env();
  return {
    allowPrivateTargets: e.WEBHOOKS_ALLOW_PRIVATE_TARGETS,
    timeoutMs: e.WEBHOOKS_TIMEOUT_SECONDS * 1000,
    retryDelaysMs: parseDurations(e.WEBHOOKS_RETRY_SCHEDULE),
    disableAfterMs: e.WEBHOOKS_DISABLE_AFTER_HOURS * 3_600_000,
    exportRateLimitPerHour: e.DATA_EXPORT_RATE_LIMIT_PER_HOUR,
    /** Signs data export download paths; every API process derives the same key. */
    exportSigningKey: createHmac('sha256', e.CURSOR_SECRET ?? e.JWT_SECRET ?? ephemeralSecret)
      .update('causeway-data-exports')
      .digest(),
  };
});

export type IntegrationsConfig = ConfigType<typeof integrationsConfig>;
export type AppConfig = ConfigType<typeof appConfig>;
export type MailConfig = ConfigType<typeof mailConfig>;
export type DatabaseConfig = ConfigType<typeof databaseConfig>;
export type QueueConfig = ConfigType<typeof queueConfig>;
export type AuthConfig = ConfigType<typeof authConfig>;
export type ApiConfig = ConfigType<typeof apiConfig>;
