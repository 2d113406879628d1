import { ConfigValidationError } from './environment';

/** A start-up failure whose message says it all (bad configuration, database down or missing). */
export class OneLineStartError extends Error {}

/** Ends a process whose start failed: one line for bad configuration or an unreachable database, the stack otherwise; exit code 1. */
export function exitOnStartFailure(app: string): (err: unknown) => never {
  return (err) => {
    const oneLine =
      err instanceof OneLineStartError || (err as Error)?.name === 'DatabaseUnavailableError';
    process.stderr.write(
      err instanceof ConfigValidationError
        ? `${err.message}\n`
        : oneLine
          ? `${app} cannot start: ${(err as Error).message}\n`
          : `${app} failed to start: ${(err as Error)?.stack ?? String(err)}\n`,
    );
    process.exit(1);
  };
}

/**
 * On SIGTERM/SIGINT the app drains (Nest's shutdown hooks); if that takes longer than `ms`
 * (a stuck connection, a job that will not finish), exit anyway: what a worker held is retaken
 * by another as a stalled job, and nothing is lost (the outbox sweeper re-enqueues).
 */
export function exitWithin(ms = 25_000): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`shutdown took longer than ${ms / 1000} s; exiting\n`);
        process.exit(1);
      }, ms).unref();
    });
  }
}

/**
 * Started by `npm start` (scripts/dev.mjs) with an IPC channel: when that channel closes (the
 * parent is gone, even killed with SIGKILL), shut down as on SIGTERM instead of running orphaned.
 */
export function stopWithParent(): void {
  if (!process.send) return;
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
