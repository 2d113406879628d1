import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RetentionService } from '@causeway/ownership';

const EVERY_MS = 15 * 60_000;

/**
 * Runs the retention pass (RetentionService: each owning lib deletes its rows past their age)
 * every 15 minutes.
 */
@Injectable()
export class Housekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Housekeeping.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly retention: RetentionService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () =>
        void this.run().catch((err: Error) =>
          this.logger.warn(`housekeeping failed: ${err.message}`),
        ),
      EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns how many rows went from each table. */
  async run(): Promise<Record<string, number>> {
    const removed = await this.retention.prune();
    if (Object.values(removed).some((n) => n > 0))
      this.logger.log(`pruned ${JSON.stringify(removed)}`);
    return removed;
  }
}
