import { ConsoleLogger } from '@nestjs/common';
import { env } from './configuration';
import { ConfigValidationError, LOG_LEVELS, LogLevel } from './environment';

/** Levels at or above LOG_LEVEL. */
export function logLevelsFrom(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) as LogLevel[];
}

/** The logger of every app: JSON lines in production, plain text otherwise. */
export function createAppLogger(context: string): ConsoleLogger {
  const e = env();
  return new ConsoleLogger(context, { json: e.NODE_ENV === 'production', logLevels: logLevelsFrom(e.LOG_LEVEL), colors: false });
}

/** Ends a process whose start failed: one line for bad configuration, the stack otherwise; exit code 1. */
export function exitOnStartFailure(app: string): (err: unknown) => never {
  return (err) => {
    process.stderr.write(
      err instanceof ConfigValidationError ? `${err.message}\n` : `${app} failed to start: ${(err as Error)?.stack ?? String(err)}\n`,
    );
    process.exit(1);
  };
}
