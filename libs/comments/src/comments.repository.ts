import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { blocksSql } from '@causeway/blocks';
import { updatesSql } from '@causeway/updates';
import { CommentEntity } from './comment.entity';

const COMMENT_COLUMNS = (a = 'c') =>
  `${a}.id, ${a}.update_id AS "updateId", ${a}.author_id AS "authorId", ${a}.body, ${a}.created_at AS "createdAt",
   ${a}.deleted_at AS "deletedAt", ${a}.hidden_at AS "hiddenAt"`;

/** The comment (alias `a`, or the bare table) is neither deleted nor hidden. */
const visible = (a?: string) => {
  const p = a ? `${a}.` : '';
  return `${p}deleted_at IS NULL AND ${p}hidden_at IS NULL`;
};

export const toComment = (row: Record<string, unknown>): CommentEntity =>
  Object.assign(new CommentEntity(), row);

/** The `comments` table (SQL: its pages are LATERAL range scans the ORM cannot express). */
@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(
    em: EntityManager,
    c: Pick<CommentEntity, 'id' | 'updateId' | 'authorId' | 'body' | 'createdAt'>,
  ): Promise<void> {
    await em.query(
      'INSERT INTO comments (id, update_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)',
      [c.id, c.updateId, c.authorId, c.body, c.createdAt],
    );
  }

  /** The visible comment's author and update; undefined when it is gone or never was. */
  async visible(
    em: EntityManager,
    id: string,
  ): Promise<{ author_id: string; update_id: string } | undefined> {
    const [c]: { author_id: string; update_id: string }[] = await em.query(
      `SELECT c.author_id, c.update_id FROM comments c WHERE c.id = $1 AND ${visible('c')}`,
      [id],
    );
    return c;
  }

  /** Sets `deleted_at` or `hidden_at` on a visible comment; returns its update, or undefined when it was gone. */
  async takeDown(
    em: EntityManager,
    id: string,
    column: 'deleted_at' | 'hidden_at',
  ): Promise<string | undefined> {
    const rows: { update_id: string }[] = await em.query(
      `WITH x AS (UPDATE comments SET ${column} = now() WHERE id = $1 AND ${visible()} RETURNING update_id)
       SELECT update_id FROM x`,
      [id],
    );
    return rows[0]?.update_id;
  }

  /**
   * Account deletion: deletes every comment of the person and erases its text; only comments that
   * were still counted (visible) leave their update's count.
   */
  async deleteAllBy(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `WITH d AS (UPDATE comments c SET deleted_at = coalesce(c.deleted_at, now()), body = ''
                  FROM (SELECT id, ${visible()} AS counted FROM comments WHERE author_id = $1 FOR UPDATE) o
                  WHERE c.id = o.id RETURNING c.update_id, o.counted),
            n AS (SELECT update_id, count(*)::int AS n FROM d WHERE counted GROUP BY 1)
       UPDATE ${updatesSql.table} u SET comment_count = u.comment_count - n.n FROM n WHERE u.id = n.update_id`,
      [userId],
    );
  }

  /** The author of the comment's update, while the comment and the update are both visible. */
  async visibleUpdateAuthor(commentId: string): Promise<string | undefined> {
    const [u]: { author_id: string }[] = await this.db.query(
      `SELECT u.author_id FROM comments c JOIN ${updatesSql.table} u ON u.id = c.update_id
       WHERE c.id = $1 AND ${visible('c')} AND ${updatesSql.visible('u')}`,
      [commentId],
    );
    return u?.author_id;
  }

  async byIds(ids: readonly string[]): Promise<CommentEntity[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${COMMENT_COLUMNS()} FROM comments c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toComment);
  }

  /** Up to `limit` visible comments per update after (at, id), oldest first, each with its `parentId`. */
  async pageRows(
    updateIds: string[],
    viewerId: string | null,
    limit: number,
    [at, afterId]: string[],
  ): Promise<Record<string, unknown>[]> {
    return this.db.query(
      `SELECT p.update_id AS "parentId", ${COMMENT_COLUMNS('x')} FROM unnest($1::uuid[]) AS p(update_id)
       CROSS JOIN LATERAL (
         SELECT c.* FROM comments c
         WHERE c.update_id = p.update_id AND ${visible('c')}
           AND (c.created_at, c.id) > ($2::timestamptz, $3::uuid)
           AND ${blocksSql.notBlocked('$4', 'c.author_id')}
         ORDER BY c.created_at, c.id LIMIT $5) x`,
      [updateIds, at, afterId, viewerId, limit],
    );
  }
}
