import { EntityManager } from 'typeorm';

/** The sent-once ledger must outlive any retry of the event or job that sent: kept 30 days. */
export const SENT_EMAILS_KEPT_MS = 30 * 24 * 3600_000;

/** The mail's part in housekeeping. */
export const MailRetention = {
  /** Deletes up to `limit` ledger rows of emails sent before `before`; returns how many went. */
  async purgeSent(em: EntityManager, before: Date, limit: number): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `WITH d AS (DELETE FROM sent_emails WHERE ctid IN (SELECT ctid FROM sent_emails WHERE sent_at < $1 LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [before, limit],
    );
    return n;
  },
};
