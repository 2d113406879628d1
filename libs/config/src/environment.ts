import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
/** An empty variable counts as unset, so `DATABASE_URL=` behaves like no DATABASE_URL. */
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const toInt = ({ value }: { value: unknown }) => {
  if (value === '' || value === undefined) return undefined;
  return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
};

/**
 * Every setting Causeway reads, validated once at start. README.md lists them all;
 * nothing outside libs/config and scripts/ reads process.env.
 */
export class EnvironmentVariables {
  @Transform(emptyToUndefined)
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** The address the API (and the worker's HTTP listener) bind: 127.0.0.1 unless NODE_ENV=production (0.0.0.0). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[0-9A-Za-z.:-]+$/, { message: 'must be an IP address or a host name' })
  HOST?: string;

  /** The worker's small HTTP listener (/health, /health/ready, /metrics); 0 picks a free port. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HTTP_PORT = 3001;

  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** json: one JSON object per line (pino); pretty: colourless readable lines. Default: pretty in development. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** Append log lines (JSON) to this file instead of standard output (the tests do). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LOG_FILE?: string;

  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// connection URL' })
  REDIS_URL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf(
    (env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined,
  )
  @IsString({ message: 'is required when NODE_ENV=production' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Signs pagination cursors; unset: a key derived from JWT_SECRET (so every API process agrees). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  CURSOR_SECRET?: string;

  /** Origins (comma-separated, e.g. `https://app.example.org`) allowed to call the API from a browser; unset: same origin only. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*$/, {
    message: 'must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  MIGRATIONS_RUN = true;

  @Transform(emptyToUndefined)
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'log';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  API_RATE_LIMIT_PER_MINUTE = 600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_DEPTH = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_COST = 10_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ALIASES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_TOKENS = 2_000;

  /** The worker re-enqueues outbox work that was relayed this many seconds ago and never completed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_SWEEP_AFTER_SECONDS = 30;

  /**
   * Followers per fan-out chunk job (one INSERT ... SELECT each). Chosen by measurement
   * (BENCHMARKS.md): 25,000 lets a 100k fan-out run as 4 parallel chunks and cut the fixed cost
   * per job, against 2,000 which made 50 jobs of it (entries/s API / raw at 100k: 1.47 vs 0.45).
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  FANOUT_CHUNK_SIZE = 25_000;

  /** SMTP server for email (smtp:// or smtps://, credentials in the URL). Unset outside production: .eml files in MAIL_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string = undefined;

  /** The From of every email. */
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Causeway <no-reply@causeway.localhost>';

  /** Where links in emails point (the web app); unset: the API's own URL. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'must be an http:// or https:// URL' })
  APP_URL?: string = undefined;

  /** Where emails are written as .eml files when there is no SMTP_URL (outside production). */
  @Transform(emptyToUndefined)
  @IsString()
  MAIL_DIR = '.data/mail';

  /** The local hour (in each person's time zone) at which digests become due. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR = 8;

  /** How often the worker looks for digests that became due. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  DIGEST_PLAN_EVERY_SECONDS = 900;
  /** Webhooks may target http and loopback or private addresses (development and tests only). */
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  WEBHOOKS_ALLOW_PRIVATE_TARGETS = false;

  /** How long one webhook attempt may take (connect, send, response headers and capped body). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  WEBHOOKS_TIMEOUT_SECONDS = 10;

  /**
   * Delays before each retry of a webhook delivery, comma-separated durations (`500ms`, `5s`,
   * `5m`, `2h`); the delivery is FAILED after the last. The default is the Standard Webhooks schedule.
   */
  @Transform(emptyToUndefined)
  @Matches(/^\s*\d+(ms|s|m|h)(\s*,\s*\d+(ms|s|m|h)){0,19}\s*$/, {
    message: 'must be 1 to 20 comma-separated durations such as 5s,5m,30m,2h',
  })
  WEBHOOKS_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';

  /** A webhook whose deliveries have failed (with no success) for this long is disabled. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WEBHOOKS_DISABLE_AFTER_HOURS = 72;

  /** requestDataExport per person and hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DATA_EXPORT_RATE_LIMIT_PER_HOUR = 3;
}

export class ConfigValidationError extends Error {}

/** Settings with no default value (so not among the instance's own keys). */
const OPTIONAL_WITHOUT_DEFAULT = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'CURSOR_SECRET',
  'CORS_ORIGINS',
  'HOST',
  'METRICS_TOKEN',
  'LOG_FORMAT',
  'LOG_FILE',
];

/**
 * Validates the raw environment. Throws a ConfigValidationError whose message is one line
 * naming each bad variable, e.g. `Invalid configuration: PORT must be an integer number`.
 */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const known = Object.keys(new EnvironmentVariables());
  const picked: Record<string, unknown> = {};
  for (const key of [...known, ...OPTIONAL_WITHOUT_DEFAULT]) {
    if (raw[key] !== undefined && raw[key] !== '') picked[key] = raw[key];
  }
  const env = plainToInstance(EnvironmentVariables, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const parts = errors.map((e) => {
      const first = Object.values(e.constraints ?? {}).at(-1) ?? 'is invalid';
      const shown = first.startsWith(e.property) ? first : `${e.property} ${first}`;
      return e.property === 'DATABASE_URL' && !raw.DATABASE_URL
        ? 'DATABASE_URL is required (npm start runs an embedded PostgreSQL and sets it for you)'
        : shown;
    });
    throw new ConfigValidationError(`Invalid configuration: ${parts.join('; ')}`);
  }
  return env;
}
