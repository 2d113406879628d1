import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const EVERY_MS = 15 * 60_000;
const BATCH = 10_000;
/** Advisory lock key: one worker at a time prunes. */
const LOCK_KEY = 0x6361_7573; // 'caus'

/**
 * Keeps the bookkeeping tables from growing without end: completed outbox events and their
 * notification receipts after 7 days (long after any retry), and the chunk ledger of fan-outs that
 * finished a day ago. Deletes in batches; one worker at a time (advisory lock).
 */
@Injectable()
export class Housekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Housekeeping.name);
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
    const removed: Record<string, number> = {};
    await this.db.transaction(async (em) => {
      const [{ locked }]: { locked: boolean }[] = await em.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [LOCK_KEY],
      );
      if (!locked) return;
      const prune = async (table: string, sql: string) => {
        let total = 0;
        for (;;) {
          const rows: unknown[] = await em.query(
            `WITH d AS (DELETE FROM ${table} WHERE ctid IN (${sql} LIMIT ${BATCH}) RETURNING 1) SELECT 1 FROM d`,
          );
          total += rows.length;
          if (rows.length < BATCH) break;
        }
        removed[table] = total;
      };
      await prune(
        'outbox_events',
        `SELECT ctid FROM outbox_events WHERE completed_at < now() - interval '7 days'`,
      );
      await prune(
        'notification_receipts',
        `SELECT ctid FROM notification_receipts WHERE created_at < now() - interval '7 days'`,
      );
      await prune(
        'fanout_chunks',
        `SELECT c.ctid FROM fanout_chunks c JOIN updates u ON u.id = c.update_id WHERE u.fanned_out_at < now() - interval '1 day'`,
      );
      // Reach: digest entries after the longest period (a week) with a wide margin; email ledgers and spent links.
      await prune(
        'digest_entries',
        `SELECT ctid FROM digest_entries WHERE created_at < now() - interval '35 days'`,
      );
      await prune('digests', `SELECT ctid FROM digests WHERE sent_at < now() - interval '90 days'`);
      await prune(
        'sent_emails',
        `SELECT ctid FROM sent_emails WHERE sent_at < now() - interval '30 days'`,
      );
      await prune(
        'email_tokens',
        `SELECT ctid FROM email_tokens WHERE expires_at < now() - interval '7 days'`,
      );
    });
    if (Object.values(removed).some((n) => n > 0))
      this.logger.log(`pruned ${JSON.stringify(removed)}`);
    return removed;
  }
}
