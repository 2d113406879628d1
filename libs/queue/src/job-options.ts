import type { DefaultJobOptions } from 'bullmq';

/** Every job retries with exponential backoff and is kept only for a bounded while. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 1000, age: 60 * 60 },
  removeOnFail: { count: 5000, age: 7 * 24 * 60 * 60 },
};

/**
 * Worker options of every processor: a killed worker's active jobs are taken back (stalled) after
 * at most LOCK + STALLED_CHECK ms instead of BullMQ's default of up to a minute. Locks are renewed
 * every lockDuration / 2, far longer than any of our jobs runs.
 */
export const WORKER_OPTIONS = { lockDuration: 10_000, stalledInterval: 5_000 } as const;
