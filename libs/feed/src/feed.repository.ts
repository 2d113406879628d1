import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { usersSql } from '@causeway/accounts';
import { blocksSql } from '@causeway/blocks';
import { causesSql } from '@causeway/causes';
import { followsSql } from '@causeway/follows';
import { organizationsSql } from '@causeway/organizations';
import { UpdateSourceKind, updatesSql } from '@causeway/updates';

/** One update for a person's digest, with what the email groups and shows it by. */
export interface DigestItemRow {
  update_id: string;
  body: string;
  created_at: Date;
  author_name: string;
  organization_name: string | null;
  cause_name: string | null;
}

/** At most this many updates in one digest (newest first). */
export const DIGEST_MAX_ITEMS = 50;

/**
 * The home feed (`feed_entries`) and the digest's inbox (`digest_entries`), both written by the
 * fan-out (SQL). Other libs' tables are joined through the fragments their owners export.
 */
@Injectable()
export class FeedRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One page of the viewer's feed before (at, id), newest first: one statement, a backward range
   * scan of the feed's primary key joined to the updates it names. The text is the bench's raw
   * twin's, byte for byte.
   */
  page(userId: string, at: string, id: string, limit: number): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT ${updatesSql.columns()} FROM feed_entries f JOIN ${updatesSql.table} u ON u.id = f.update_id
       WHERE f.user_id = $1 AND (f.created_at, f.update_id) < ($2::timestamptz, $3::uuid) AND ${updatesSql.visibleTo('$1')}
       ORDER BY f.created_at DESC, f.update_id DESC LIMIT $4`,
      [userId, at, id, limit],
    );
  }

  /** Account deletion: the person's home feed. */
  async clear(em: EntityManager, userId: string): Promise<void> {
    await em.query('DELETE FROM feed_entries WHERE user_id = $1', [userId]);
  }

  /**
   * Copies the `limit` newest visible updates of a source into the follower's feed, while the
   * follow lasts and is HOME.
   */
  async backfill(
    followerId: string,
    kind: UpdateSourceKind,
    sourceId: string,
    limit: number,
  ): Promise<void> {
    const newest =
      kind === 'CAUSE'
        ? updatesSql.newestInCauseSubtree('$2::uuid', updatesSql.visible('u'), String(limit))
        : `SELECT u.id AS update_id, u.created_at FROM ${updatesSql.table} u
           WHERE ${updatesSql.reaches(kind, '$2')} AND ${updatesSql.visible('u')}
           ORDER BY u.created_at DESC, u.id DESC LIMIT ${limit}`;
    await this.db.query(
      `INSERT INTO feed_entries (user_id, created_at, update_id)
       SELECT $1, n.created_at, n.update_id FROM (${newest}) n
       WHERE ${followsSql.followsHome('$1', '$3', '$2')}
       ON CONFLICT DO NOTHING`,
      [followerId, sourceId, kind],
    );
  }

  /**
   * Removes from the follower's home feed and unsent digest entries the updates that reached them
   * only through the source: those still reachable through another followed organization, cause
   * (or a cause above it) or person stay, and so do the follower's own.
   */
  async removeUnfollowed(
    followerId: string,
    kind: UpdateSourceKind,
    sourceId: string,
  ): Promise<void> {
    const stillFollowedCauses = causesSql.subtree(followsSql.followedIds('$1', `'CAUSE'`));
    for (const table of ['feed_entries', 'digest_entries']) {
      await this.db.query(
        `DELETE FROM ${table} f USING ${updatesSql.table} u
         WHERE f.user_id = $1 AND u.id = f.update_id AND ${updatesSql.reaches(kind, '$2')} AND u.author_id <> $1
           AND NOT ${followsSql.follows('$1', `'ORGANIZATION'`, 'u.organization_id')}
           AND NOT (u.organization_id IS NULL AND ${followsSql.follows('$1', `'USER'`, 'u.author_id')})
           AND NOT ${updatesSql.taggedWithAny(stillFollowedCauses)}`,
        [followerId, sourceId],
      );
    }
  }
}

/**
 * The updates that reached a person through DIGEST follows in (since, until], in one statement
 * over `digest_entries`: those that also reached the home feed through a HOME follow are left
 * out (HOME over DIGEST), and so are deleted or hidden updates and updates by people the person
 * blocked. Each carries its organization and its first cause (by name).
 */
export function digestItems(
  em: EntityManager,
  userId: string,
  since: Date,
  until: Date,
): Promise<DigestItemRow[]> {
  return em.query(
    `SELECT u.id AS update_id, u.body, u.created_at, a.display_name AS author_name, o.name AS organization_name,
            ${updatesSql.firstCauseName('u')} AS cause_name
     FROM digest_entries d
     JOIN ${updatesSql.table} u ON u.id = d.update_id
     JOIN ${usersSql.table} a ON a.id = u.author_id
     LEFT JOIN ${organizationsSql.table} o ON o.id = u.organization_id
     WHERE d.user_id = $1 AND d.created_at > $2 AND d.created_at <= $3
       AND ${updatesSql.visible('u')}
       AND NOT EXISTS (SELECT 1 FROM feed_entries f WHERE f.user_id = d.user_id AND f.created_at = d.created_at AND f.update_id = d.update_id)
       AND ${blocksSql.notBlockedBy('d.user_id', 'u.author_id')}
     ORDER BY d.created_at DESC, d.update_id DESC
     LIMIT ${DIGEST_MAX_ITEMS}`,
    [userId, since, until],
  );
}

/** Account deletion: the person's digest entries (the digest lib forgets its unsent digests beside them). */
export async function clearDigestEntries(em: EntityManager, userId: string): Promise<void> {
  await em.query('DELETE FROM digest_entries WHERE user_id = $1', [userId]);
}
