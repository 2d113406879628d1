import { EntityManager } from 'typeorm';

/** The ledger of sent digests is kept for inquiry, then deleted. */
export const SENT_DIGESTS_KEPT_MS = 90 * 24 * 3600_000;

/** The digests' part in housekeeping. */
export const DigestRetention = {
  /** Deletes up to `limit` digests sent before `before` (unsent ones stay); returns how many went. */
  async purgeSent(em: EntityManager, before: Date, limit: number): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `WITH d AS (DELETE FROM digests WHERE ctid IN (SELECT ctid FROM digests WHERE sent_at < $1 LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [before, limit],
    );
    return n;
  },
};
