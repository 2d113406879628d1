import type { DefaultJobOptions } from 'bullmq';

/** Every job retries with exponential backoff and is kept only for a bounded while. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 1000, age: 60 * 60 },
  removeOnFail: { count: 5000, age: 7 * 24 * 60 * 60 },
};
