import { EntityManager } from 'typeorm';

/** Completed events are kept long after any retry could still look at them. */
export const COMPLETED_EVENTS_KEPT_MS = 7 * 24 * 3600_000;

/** The outbox's part in housekeeping. */
export const OutboxRetention = {
  /** Deletes up to `limit` events completed before `before` (pending ones stay); returns how many went. */
  async purgeCompleted(em: EntityManager, before: Date, limit: number): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `WITH d AS (DELETE FROM outbox_events WHERE ctid IN (SELECT ctid FROM outbox_events WHERE completed_at < $1 LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [before, limit],
    );
    return n;
  },
};
