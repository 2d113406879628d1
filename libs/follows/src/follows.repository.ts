import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { usersSql } from '@causeway/accounts';
import { causesSql } from '@causeway/causes';
import { organizationsSql } from '@causeway/organizations';
import { Delivery, FollowSource } from './follow.entity';

/**
 * The `follows` table (SQL: keyset ranges and LATERAL pages over the primary key). Methods taking
 * an EntityManager run in the caller's transaction.
 */
@Injectable()
export class FollowsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Idempotent; true when the row is new. */
  async add(
    em: EntityManager,
    followerId: string,
    kind: FollowSource,
    sourceId: string,
  ): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO follows (source_kind, source_id, follower_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING follower_id`,
      [kind, sourceId, followerId],
    );
    return inserted.length > 0;
  }

  /** True when there was a row to remove. */
  async remove(
    em: EntityManager,
    followerId: string,
    kind: FollowSource,
    sourceId: string,
  ): Promise<boolean> {
    const deleted: unknown[] = await em.query(
      `WITH d AS (DELETE FROM follows WHERE source_kind = $1 AND source_id = $2 AND follower_id = $3 RETURNING follower_id)
       SELECT follower_id FROM d`,
      [kind, sourceId, followerId],
    );
    return deleted.length > 0;
  }

  /** True when the follow exists (and now has this delivery). */
  async setDelivery(
    followerId: string,
    kind: FollowSource,
    sourceId: string,
    delivery: Delivery,
  ): Promise<boolean> {
    const changed: unknown[] = await this.db.query(
      `WITH u AS (UPDATE follows SET delivery = $4 WHERE source_kind = $1 AND source_id = $2 AND follower_id = $3 RETURNING follower_id)
           SELECT follower_id FROM u`,
      [kind, sourceId, followerId, delivery],
    );
    return changed.length > 0;
  }

  async deliveries(
    followerId: string,
    kind: FollowSource,
    sourceIds: readonly string[],
  ): Promise<{ source_id: string; delivery: Delivery }[]> {
    return this.db.query(
      'SELECT source_id, delivery FROM follows WHERE follower_id = $1 AND source_kind = $2 AND source_id = ANY($3::uuid[])',
      [followerId, kind, sourceIds],
    );
  }

  /**
   * Account deletion: removes every follow by the person and of the person, moving each count by
   * exactly the rows removed (set-based, one statement per side).
   */
  async removeAllOf(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `WITH d AS (DELETE FROM follows WHERE follower_id = $1 RETURNING source_kind, source_id),
            n AS (SELECT source_kind, source_id, count(*)::int AS n FROM d GROUP BY 1, 2),
            c AS (UPDATE ${causesSql.table} x SET follower_count = x.follower_count - n.n FROM n WHERE n.source_kind = 'CAUSE' AND x.id = n.source_id RETURNING 1),
            o AS (UPDATE ${organizationsSql.table} x SET follower_count = x.follower_count - n.n FROM n WHERE n.source_kind = 'ORGANIZATION' AND x.id = n.source_id RETURNING 1)
       UPDATE ${usersSql.table} x SET follower_count = x.follower_count - n.n FROM n WHERE n.source_kind = 'USER' AND x.id = n.source_id`,
      [userId],
    );
    await em.query(
      `WITH d AS (DELETE FROM follows WHERE source_kind = 'USER' AND source_id = $1 RETURNING follower_id)
       UPDATE ${usersSql.table} x SET following_count = x.following_count - 1 FROM d WHERE x.id = d.follower_id`,
      [userId],
    );
    await em.query(
      `UPDATE ${usersSql.table} SET follower_count = 0, following_count = 0 WHERE id = $1`,
      [userId],
    );
  }

  async followingAmong(
    followerId: string,
    kind: FollowSource,
    sourceIds: readonly string[],
  ): Promise<string[]> {
    const rows: { source_id: string }[] = await this.db.query(
      'SELECT source_id FROM follows WHERE follower_id = $1 AND source_kind = $2 AND source_id = ANY($3::uuid[])',
      [followerId, kind, sourceIds],
    );
    return rows.map((r) => r.source_id);
  }

  /** What the follower follows of one kind, most recently followed first, before `before` when given. */
  async followed(
    followerId: string,
    kind: FollowSource,
    limit: number,
    before: [string, string] | null,
  ): Promise<{ source_id: string; created_at: Date }[]> {
    const params: unknown[] = [followerId, kind, limit];
    let keyset = '';
    if (before) {
      params.push(...before);
      keyset = 'AND (created_at, source_id) < ($4::timestamptz, $5::uuid)';
    }
    return this.db.query(
      `SELECT source_id, created_at FROM follows WHERE follower_id = $1 AND source_kind = $2 ${keyset}
       ORDER BY created_at DESC, source_id DESC LIMIT $3`,
      params,
    );
  }

  /** Up to `limit` followers of each source below `afterId`, newest accounts first: one LATERAL range scan per source. */
  async followerRows(
    kind: FollowSource,
    sourceIds: string[],
    limit: number,
    afterId: string | null,
  ): Promise<{ source_id: string; follower_id: string }[]> {
    return this.db.query(
      `SELECT p.source_id, x.follower_id FROM unnest($2::uuid[]) AS p(source_id)
       CROSS JOIN LATERAL (
         SELECT follower_id FROM follows
         WHERE source_kind = $1 AND source_id = p.source_id AND ($3::uuid IS NULL OR follower_id < $3::uuid)
         ORDER BY follower_id DESC LIMIT $4) x`,
      [kind, sourceIds, afterId, limit],
    );
  }

  /**
   * The follower `offset` places after `after` in follower-id order (the end of a range of
   * `offset + 1` followers), or undefined when fewer are left.
   */
  async followerAtOffset(
    em: EntityManager,
    kind: FollowSource,
    sourceId: string,
    after: string,
    offset: number,
  ): Promise<string | undefined> {
    const [edge]: { follower_id: string }[] = await em.query(
      `SELECT follower_id FROM follows WHERE source_kind = $1 AND source_id = $2 AND follower_id > $3::uuid
           ORDER BY follower_id OFFSET ${offset} LIMIT 1`,
      [kind, sourceId, after],
    );
    return edge?.follower_id;
  }

  /** Whether the source has any follower after `after` in follower-id order. */
  async hasFollowerAfter(
    em: EntityManager,
    kind: FollowSource,
    sourceId: string,
    after: string,
  ): Promise<boolean> {
    const [rest]: unknown[] = await em.query(
      'SELECT 1 FROM follows WHERE source_kind = $1 AND source_id = $2 AND follower_id > $3::uuid LIMIT 1',
      [kind, sourceId, after],
    );
    return rest !== undefined;
  }
}
