import { EntityManager } from 'typeorm';

/** A fan-out's chunk ledger is kept this long after the fan-out finished (for its repair and for inquiry). */
export const FANOUT_CHUNKS_KEPT_MS = 24 * 3600_000;

/**
 * Digest entries (the fan-out writes them beside the feed's, so the feed owns them) outlive the
 * longest digest period (a week) by a wide margin.
 */
export const DIGEST_ENTRIES_KEPT_MS = 35 * 24 * 3600_000;

/** The feed's part in housekeeping. */
export const FeedRetention = {
  /** Updates that still have a chunk ledger, one keyset batch by id (from the start when `after` is null). */
  async updatesWithChunks(
    em: EntityManager,
    after: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows: { update_id: string }[] = await em.query(
      `SELECT DISTINCT update_id FROM fanout_chunks WHERE $1::uuid IS NULL OR update_id > $1::uuid ORDER BY update_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.update_id);
  },

  /** Deletes the chunk ledgers of these updates; returns how many chunks went. */
  async purgeChunksOf(em: EntityManager, updateIds: readonly string[]): Promise<number> {
    if (updateIds.length === 0) return 0;
    const [{ n }]: { n: number }[] = await em.query(
      `WITH d AS (DELETE FROM fanout_chunks WHERE update_id = ANY($1::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM d`,
      [updateIds],
    );
    return n;
  },

  /** Deletes up to `limit` digest entries written before `before`; returns how many went. */
  async purgeDigestEntries(em: EntityManager, before: Date, limit: number): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `WITH d AS (DELETE FROM digest_entries WHERE ctid IN (SELECT ctid FROM digest_entries WHERE created_at < $1 LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [before, limit],
    );
    return n;
  },
};
