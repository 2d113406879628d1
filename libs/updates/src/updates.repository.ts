import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CauseEntity, causesSql } from '@causeway/causes';
import { UpdateEntity } from './update.entity';
import { updatesSql } from './updates.sql';

/** What the fan-out needs of an update. */
export interface FanOutUpdate {
  id: string;
  author_id: string;
  organization_id: string | null;
  created_at: Date;
  /** Deleted or hidden: nothing more to deliver. */
  gone: boolean;
}

export const toUpdate = (row: Record<string, unknown>): UpdateEntity =>
  Object.assign(new UpdateEntity(), row);

/**
 * The `updates` and `update_causes` tables (SQL: the lists are LATERAL range scans the ORM cannot
 * express). Methods taking an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class UpdatesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(
    em: EntityManager,
    u: Pick<
      UpdateEntity,
      'id' | 'authorId' | 'organizationId' | 'campaignId' | 'body' | 'linkUrl' | 'createdAt'
    >,
    causeIds: string[],
  ): Promise<void> {
    await em.query(
      `INSERT INTO updates (id, author_id, organization_id, campaign_id, body, link_url, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [u.id, u.authorId, u.organizationId, u.campaignId, u.body, u.linkUrl, u.createdAt],
    );
    if (causeIds.length > 0) {
      await em.query(
        'INSERT INTO update_causes (update_id, cause_id, created_at) SELECT $1, unnest($2::uuid[]), $3',
        [u.id, causeIds, u.createdAt],
      );
    }
  }

  /** The visible update's author and organization, its row locked FOR UPDATE; undefined when gone. */
  async lockVisible(
    em: EntityManager,
    id: string,
  ): Promise<{ author_id: string; organization_id: string | null } | undefined> {
    const [u]: { author_id: string; organization_id: string | null }[] = await em.query(
      `SELECT u.author_id, u.organization_id FROM updates u WHERE u.id = $1 AND ${updatesSql.visible('u')} FOR UPDATE OF u`,
      [id],
    );
    return u;
  }

  /** The visible update's author and organization; undefined when it is gone or never was. */
  async visibleAuthor(
    em: EntityManager,
    id: string,
  ): Promise<{ id: string; authorId: string; organizationId: string | null } | undefined> {
    const [u]: { id: string; authorId: string; organizationId: string | null }[] = await em.query(
      `SELECT u.id, u.author_id AS "authorId", u.organization_id AS "organizationId" FROM updates u
       WHERE u.id = $1 AND ${updatesSql.visible('u')}`,
      [id],
    );
    return u;
  }

  async isVisible(id: string, em?: EntityManager): Promise<boolean> {
    const [row]: unknown[] = await (em ?? this.db.manager).query(
      `SELECT 1 FROM updates u WHERE u.id = $1 AND ${updatesSql.visible('u')}`,
      [id],
    );
    return row !== undefined;
  }

  /** The author and organization of the update, visible or not. */
  async ownersOf(
    em: EntityManager,
    id: string,
  ): Promise<{ author_id: string; organization_id: string | null } | undefined> {
    const [row]: { author_id: string; organization_id: string | null }[] = await em.query(
      'SELECT author_id, organization_id FROM updates WHERE id = $1',
      [id],
    );
    return row;
  }

  /** The author of the update (visible or not), for locking people in id order. */
  async authorOf(em: EntityManager, id: string): Promise<string | undefined> {
    const [row]: { author_id: string }[] = await em.query(
      'SELECT author_id FROM updates WHERE id = $1',
      [id],
    );
    return row?.author_id;
  }

  async markDeleted(em: EntityManager, id: string): Promise<void> {
    await em.query('UPDATE updates SET deleted_at = now() WHERE id = $1', [id]);
  }

  /** Moderation: hides the update everywhere (once). */
  async setHidden(em: EntityManager, id: string): Promise<void> {
    await em.query('UPDATE updates SET hidden_at = now() WHERE id = $1 AND hidden_at IS NULL', [
      id,
    ]);
  }

  /** Moves the comment count atomically, in the comment's transaction. */
  async bumpCommentCount(em: EntityManager, id: string, by: number): Promise<void> {
    await em.query('UPDATE updates SET comment_count = comment_count + $2 WHERE id = $1', [id, by]);
  }

  /** Moves the reaction count atomically, in the reaction's transaction. */
  async bumpReactionCount(em: EntityManager, id: string, by: number): Promise<void> {
    await em.query('UPDATE updates SET reaction_count = reaction_count + $2 WHERE id = $1', [
      id,
      by,
    ]);
  }

  /** The fan-out's view of the update, locked FOR UPDATE when `lock`. */
  async forFanOut(em: EntityManager, id: string, lock: boolean): Promise<FanOutUpdate | undefined> {
    const [row]: FanOutUpdate[] = await em.query(
      `SELECT id, author_id, organization_id, created_at, ${updatesSql.gone()} AS gone FROM updates WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  /**
   * Records when the fan-out delivered the last entry and the lag since the update was posted,
   * once; returns the lag, or null when it was recorded before.
   */
  async markFannedOut(em: EntityManager, id: string): Promise<number | null> {
    const [finished]: { delivery_lag_ms: number }[] = await em.query(
      `WITH u AS (UPDATE updates SET fanned_out_at = now(), delivery_lag_ms = greatest(0, round(extract(epoch FROM now() - created_at) * 1000))::int
                  WHERE id = $1 AND fanned_out_at IS NULL RETURNING delivery_lag_ms)
       SELECT delivery_lag_ms FROM u`,
      [id],
    );
    return finished ? finished.delivery_lag_ms : null;
  }

  async causeIdsOf(em: EntityManager, id: string): Promise<string[]> {
    const rows: { cause_id: string }[] = await em.query(
      'SELECT cause_id FROM update_causes WHERE update_id = $1',
      [id],
    );
    return rows.map((r) => r.cause_id);
  }

  /** Account deletion: deletes the person's personal updates and erases their text. */
  async deleteAllPersonal(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `UPDATE updates SET deleted_at = coalesce(deleted_at, now()), body = '', link_url = NULL WHERE author_id = $1 AND organization_id IS NULL`,
      [userId],
    );
  }

  async byIds(ids: readonly string[]): Promise<UpdateEntity[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${updatesSql.columns()} FROM updates u WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toUpdate);
  }

  async visibleByIds(viewerId: string | null, ids: readonly string[]): Promise<UpdateEntity[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${updatesSql.columns()} FROM updates u WHERE u.id = ANY($1::uuid[]) AND ${updatesSql.visibleTo('$2')}`,
      [ids, viewerId],
    );
    return rows.map(toUpdate);
  }

  /** The causes of each update, as (updateId, cause) pairs, by cause name. */
  async causesOf(
    updateIds: readonly string[],
  ): Promise<{ updateId: string; cause: CauseEntity }[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT uc.update_id AS "updateId", c.id, c.slug, c.name, c.description, c.parent_id AS "parentId",
              c.follower_count AS "followerCount", c.created_at AS "createdAt"
       FROM update_causes uc JOIN ${causesSql.table} c ON c.id = uc.cause_id WHERE uc.update_id = ANY($1::uuid[]) ORDER BY c.name, c.id`,
      [updateIds],
    );
    return rows.map(({ updateId, ...cause }) => ({
      updateId: updateId as string,
      cause: Object.assign(new CauseEntity(), cause),
    }));
  }

  /**
   * Up to `limit` rows per parent (organization, author or cause), newest first before (at, id),
   * visible to the viewer, each with its `parentId`: one LATERAL range scan per parent.
   */
  async pageRows(
    scope: 'organization' | 'author' | 'cause',
    parentIds: string[],
    viewerId: string | null,
    limit: number,
    [at, id]: [string, string],
  ): Promise<Record<string, unknown>[]> {
    const inner = {
      organization: `SELECT u.* FROM updates u WHERE u.organization_id = p.parent_id AND (u.created_at, u.id) < ($2::timestamptz, $3::uuid)
                     AND ${updatesSql.visibleTo('$4')} ORDER BY u.created_at DESC, u.id DESC LIMIT $5`,
      author: `SELECT u.* FROM updates u WHERE u.author_id = p.parent_id AND u.organization_id IS NULL AND (u.created_at, u.id) < ($2::timestamptz, $3::uuid)
               AND ${updatesSql.visibleTo('$4')} ORDER BY u.created_at DESC, u.id DESC LIMIT $5`,
      cause: `SELECT u.* FROM (${updatesSql.newestInCauseSubtree('p.parent_id', `(uc.created_at, uc.update_id) < ($2::timestamptz, $3::uuid) AND ${updatesSql.visibleTo('$4')}`, '$5')}) c
              JOIN updates u ON u.id = c.update_id ORDER BY u.created_at DESC, u.id DESC`,
    }[scope];
    return this.db.query(
      `SELECT p.parent_id AS "parentId", ${updatesSql.columns('x')} FROM unnest($1::uuid[]) AS p(parent_id) CROSS JOIN LATERAL (${inner}) x`,
      [parentIds, at, id, viewerId, limit],
    );
  }
}
