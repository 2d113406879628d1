import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DomainError, isUuid, Page, toPage } from '@causeway/common';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { Delivery, FollowSource } from './follow.entity';

/** The table that holds each kind of source and its follower count. */
const SOURCE_TABLE: Record<FollowSource, { table: string; what: string }> = {
  [FollowSource.CAUSE]: { table: 'causes', what: 'The cause' },
  [FollowSource.ORGANIZATION]: { table: 'organizations', what: 'The organization' },
  [FollowSource.USER]: { table: 'users', what: 'The user' },
};

export interface FollowedItem {
  sourceId: string;
  createdAt: Date;
}

/**
 * Follows of causes, organizations and people. Follow and unfollow are idempotent; counts move by
 * atomic increments in the same transaction as the follow row, only when the row really changed,
 * so they are exact under any concurrency. Each real change writes an outbox event.
 */
@Injectable()
export class FollowsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async follow(followerId: string, kind: FollowSource, sourceId: string): Promise<void> {
    if (kind === FollowSource.USER && sourceId === followerId)
      throw DomainError.badInput({ id: 'is you: you cannot follow yourself' });
    await this.db.transaction(async (em) => {
      await this.assertSource(em, kind, sourceId);
      if (kind === FollowSource.USER) await this.assertNotBlocked(em, followerId, sourceId);
      const inserted: unknown[] = await em.query(
        `INSERT INTO follows (source_kind, source_id, follower_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING follower_id`,
        [kind, sourceId, followerId],
      );
      if (inserted.length === 0) return;
      await this.count(em, kind, sourceId, followerId, +1);
      await this.outbox.add(em, DomainEvent.Followed, { followerId, sourceKind: kind, sourceId });
    });
  }

  async unfollow(followerId: string, kind: FollowSource, sourceId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.assertSource(em, kind, sourceId);
      await this.removeFollow(em, followerId, kind, sourceId);
    });
  }

  /** Deletes one follow inside the caller's transaction, with its counts and event; false when there was none. */
  async removeFollow(
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
    if (deleted.length === 0) return false;
    await this.count(em, kind, sourceId, followerId, -1);
    await this.outbox.add(em, DomainEvent.Unfollowed, { followerId, sourceKind: kind, sourceId });
    return true;
  }

  /**
   * Sets where a followed source's updates go for this follower, from the next update on. Only for
   * a source the follower follows: otherwise BAD_USER_INPUT.
   */
  async setDelivery(
    followerId: string,
    kind: FollowSource,
    sourceId: string,
    delivery: Delivery,
  ): Promise<void> {
    const changed: unknown[] = isUuid(sourceId)
      ? await this.db.query(
          `WITH u AS (UPDATE follows SET delivery = $4 WHERE source_kind = $1 AND source_id = $2 AND follower_id = $3 RETURNING follower_id)
           SELECT follower_id FROM u`,
          [kind, sourceId, followerId, delivery],
        )
      : [];
    if (changed.length === 0) throw DomainError.badInput({ id: 'is not something you follow' });
  }

  /** The follower's delivery for each of `sourceIds` they follow (absent: not followed). */
  async deliveries(
    followerId: string,
    kind: FollowSource,
    sourceIds: readonly string[],
  ): Promise<Map<string, Delivery>> {
    const rows: { source_id: string; delivery: Delivery }[] = await this.db.query(
      'SELECT source_id, delivery FROM follows WHERE follower_id = $1 AND source_kind = $2 AND source_id = ANY($3::uuid[])',
      [followerId, kind, sourceIds.filter(isUuid)],
    );
    return new Map(rows.map((r) => [r.source_id, r.delivery]));
  }

  /**
   * Account deletion: removes every follow by the person and of the person inside the caller's
   * transaction, moving each count by exactly the rows removed (set-based, one statement per side).
   */
  async removeAllOf(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `WITH d AS (DELETE FROM follows WHERE follower_id = $1 RETURNING source_kind, source_id),
            n AS (SELECT source_kind, source_id, count(*)::int AS n FROM d GROUP BY 1, 2),
            c AS (UPDATE causes x SET follower_count = x.follower_count - n.n FROM n WHERE n.source_kind = 'CAUSE' AND x.id = n.source_id RETURNING 1),
            o AS (UPDATE organizations x SET follower_count = x.follower_count - n.n FROM n WHERE n.source_kind = 'ORGANIZATION' AND x.id = n.source_id RETURNING 1)
       UPDATE users x SET follower_count = x.follower_count - n.n FROM n WHERE n.source_kind = 'USER' AND x.id = n.source_id`,
      [userId],
    );
    await em.query(
      `WITH d AS (DELETE FROM follows WHERE source_kind = 'USER' AND source_id = $1 RETURNING follower_id)
       UPDATE users x SET following_count = x.following_count - 1 FROM d WHERE x.id = d.follower_id`,
      [userId],
    );
    await em.query('UPDATE users SET follower_count = 0, following_count = 0 WHERE id = $1', [
      userId,
    ]);
  }

  /** Which of `sourceIds` the follower follows. */
  async following(
    followerId: string,
    kind: FollowSource,
    sourceIds: readonly string[],
  ): Promise<Set<string>> {
    const rows: { source_id: string }[] = await this.db.query(
      'SELECT source_id FROM follows WHERE follower_id = $1 AND source_kind = $2 AND source_id = ANY($3::uuid[])',
      [followerId, kind, sourceIds],
    );
    return new Set(rows.map((r) => r.source_id));
  }

  /** What the follower follows of one kind, most recently followed first. */
  async followed(
    followerId: string,
    kind: FollowSource,
    limit: number,
    after?: string | null,
  ): Promise<Page<FollowedItem>> {
    const params: unknown[] = [followerId, kind, limit + 1];
    let keyset = '';
    if (after) {
      const [at, id] = decodeCursor(after, { list: 'followed', parts: ['time', 'uuid'] });
      params.push(String(at), String(id));
      keyset = 'AND (created_at, source_id) < ($4::timestamptz, $5::uuid)';
    }
    const rows: { source_id: string; created_at: Date }[] = await this.db.query(
      `SELECT source_id, created_at FROM follows WHERE follower_id = $1 AND source_kind = $2 ${keyset}
       ORDER BY created_at DESC, source_id DESC LIMIT $3`,
      params,
    );
    const items = rows.map((r) => ({ sourceId: r.source_id, createdAt: r.created_at }));
    return toPage(items, limit, (f) => [f.createdAt.toISOString(), f.sourceId], 'followed');
  }

  /** For each source, its followers (newest accounts first): one LATERAL range scan per source. */
  async followerPages(
    kind: FollowSource,
    sourceIds: string[],
    limit: number,
    after: string | null,
  ): Promise<Map<string, Page<string>>> {
    const afterId = after
      ? String(decodeCursor(after, { list: `followers-of-${kind}`, parts: ['uuid'] })[0])
      : null;
    const rows: { source_id: string; follower_id: string }[] = await this.db.query(
      `SELECT p.source_id, x.follower_id FROM unnest($2::uuid[]) AS p(source_id)
       CROSS JOIN LATERAL (
         SELECT follower_id FROM follows
         WHERE source_kind = $1 AND source_id = p.source_id AND ($3::uuid IS NULL OR follower_id < $3::uuid)
         ORDER BY follower_id DESC LIMIT $4) x`,
      [kind, sourceIds, afterId, limit + 1],
    );
    const pages = new Map<string, Page<string>>();
    for (const id of sourceIds) {
      pages.set(
        id,
        toPage(
          rows.filter((r) => r.source_id === id).map((r) => r.follower_id),
          limit,
          (f) => [f],
          `followers-of-${kind}`,
        ),
      );
    }
    return pages;
  }

  /**
   * One page of a source's followers in follower-id order (a range scan of the primary key), for
   * fan-out planning: the follower ids after `afterFollowerId`.
   */
  async followerIds(
    kind: FollowSource,
    sourceId: string,
    limit: number,
    afterFollowerId?: string | null,
    em?: EntityManager,
  ): Promise<string[]> {
    const rows: { follower_id: string }[] = await (em ?? this.db.manager).query(
      `SELECT follower_id FROM follows WHERE source_kind = $1 AND source_id = $2 AND follower_id > $3::uuid
       ORDER BY follower_id LIMIT $4`,
      [kind, sourceId, afterFollowerId ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    return rows.map((r) => r.follower_id);
  }

  private async assertSource(
    em: EntityManager,
    kind: FollowSource,
    sourceId: string,
  ): Promise<void> {
    const { table, what } = SOURCE_TABLE[kind];
    // A person is checked (and locked, with the follower, in id order) by assertNotBlocked.
    if (kind === FollowSource.USER) return;
    const [row]: unknown[] = await em.query(`SELECT 1 FROM ${table} WHERE id = $1`, [sourceId]);
    if (!row) throw DomainError.notFound(what);
  }

  /**
   * The person followed must exist and not be erased (NOT_FOUND). Following is FORBIDDEN while either person blocks the other. Both rows are held FOR KEY SHARE
   * (compatible with the count updates, not with BlocksService.block's FOR UPDATE), so a block
   * cannot commit between this check and the follow.
   */
  private async assertNotBlocked(
    em: EntityManager,
    followerId: string,
    userId: string,
  ): Promise<void> {
    // Both rows in id order (the order every lock of two people takes, so no deadlock); the lock waits
    // for an account deletion in progress and then reads the row as it committed: an erased account
    // cannot be followed.
    const people: { id: string; deleted_at: Date | null }[] = await em.query(
      'SELECT id, deleted_at FROM users WHERE id IN ($1, $2) ORDER BY id FOR KEY SHARE',
      [followerId, userId],
    );
    if (!people.some((p) => p.id === userId && p.deleted_at === null))
      throw DomainError.notFound(SOURCE_TABLE[FollowSource.USER].what);
    const [blocked]: unknown[] = await em.query(
      'SELECT 1 FROM user_blocks WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)',
      [followerId, userId],
    );
    if (blocked)
      throw DomainError.forbidden(
        'You cannot follow this person: one of you has blocked the other.',
      );
  }

  /** Moves the source's follower count and, for people, the follower's following count. */
  private async count(
    em: EntityManager,
    kind: FollowSource,
    sourceId: string,
    followerId: string,
    by: 1 | -1,
  ): Promise<void> {
    if (kind === FollowSource.USER) {
      // One statement, rows locked in index order: two people following each other at once cannot deadlock.
      await em.query(
        `UPDATE users SET follower_count = follower_count + CASE WHEN id = $1 THEN $3::int ELSE 0 END,
                          following_count = following_count + CASE WHEN id = $2 THEN $3::int ELSE 0 END
         WHERE id IN ($1, $2)`,
        [sourceId, followerId, by],
      );
      return;
    }
    await em.query(
      `UPDATE ${SOURCE_TABLE[kind].table} SET follower_count = follower_count + $2 WHERE id = $1`,
      [sourceId, by],
    );
  }
}
