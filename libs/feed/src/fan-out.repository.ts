import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FollowSource } from '@causeway/follows';

/** One keyset range of one source's followers, to deliver in one statement. */
export interface ChunkRow {
  seq: number;
  source_kind: FollowSource;
  source_id: string;
  after_follower: string;
  last_follower: string | null;
  done_at: Date | null;
}

/**
 * The fan-out's ledger (`fanout_chunks`) and its one set-based write of feed and digest entries
 * (SQL). Every method runs in the caller's transaction.
 */
@Injectable()
export class FanOutRepository {
  async chunks(em: EntityManager, updateId: string): Promise<ChunkRow[]> {
    return em.query('SELECT seq, done_at FROM fanout_chunks WHERE update_id = $1 ORDER BY seq', [
      updateId,
    ]);
  }

  async lockChunk(em: EntityManager, updateId: string, seq: number): Promise<ChunkRow | undefined> {
    const [chunk]: ChunkRow[] = await em.query(
      'SELECT seq, source_kind, source_id, after_follower, last_follower, done_at FROM fanout_chunks WHERE update_id = $1 AND seq = $2 FOR UPDATE',
      [updateId, seq],
    );
    return chunk;
  }

  async markChunkDone(em: EntityManager, updateId: string, seq: number): Promise<void> {
    await em.query('UPDATE fanout_chunks SET done_at = now() WHERE update_id = $1 AND seq = $2', [
      updateId,
      seq,
    ]);
  }

  async chunksLeft(em: EntityManager, updateId: string): Promise<number> {
    const [{ left }]: { left: number }[] = await em.query(
      'SELECT count(*)::int AS left FROM fanout_chunks WHERE update_id = $1 AND done_at IS NULL',
      [updateId],
    );
    return left;
  }

  async insertChunks(em: EntityManager, updateId: string, chunks: ChunkRow[]): Promise<void> {
    if (chunks.length === 0) return;
    await em.query(
      `INSERT INTO fanout_chunks (update_id, seq, source_kind, source_id, after_follower, last_follower)
         SELECT $1, * FROM unnest($2::int[], $3::follow_source[], $4::uuid[], $5::uuid[], $6::uuid[])`,
      [
        updateId,
        chunks.map((c) => c.seq),
        chunks.map((c) => c.source_kind),
        chunks.map((c) => c.source_id),
        chunks.map((c) => c.after_follower),
        chunks.map((c) => c.last_follower),
      ],
    );
  }

  /**
   * Inserts, for the receivers `receiversSql` selects as (user_id, delivery) with params from $3,
   * feed entries for HOME and digest entries for DIGEST (MUTED: nothing), skipping those who have
   * them already, in one statement; returns the new feed receivers who have a live feed open.
   */
  async insertEntries(
    em: EntityManager,
    update: { id: string; created_at: Date },
    receiversSql: string,
    params: unknown[],
  ): Promise<string[]> {
    const rows: { user_id: string }[] = await em.query(
      `WITH r AS (${receiversSql}),
       added AS (
         INSERT INTO feed_entries (user_id, created_at, update_id)
         SELECT r.user_id, $1::timestamptz, $2::uuid FROM r WHERE r.delivery = 'HOME'
         ON CONFLICT DO NOTHING RETURNING user_id),
       digested AS (
         INSERT INTO digest_entries (user_id, created_at, update_id)
         SELECT r.user_id, $1::timestamptz, $2::uuid FROM r WHERE r.delivery = 'DIGEST'
         ON CONFLICT DO NOTHING)
       SELECT DISTINCT a.user_id FROM added a JOIN feed_listeners l ON l.user_id = a.user_id AND l.expires_at > now()`,
      [update.created_at, update.id, ...params],
    );
    return rows.map((r) => r.user_id);
  }
}
