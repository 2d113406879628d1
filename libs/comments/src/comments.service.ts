import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DomainError, isUuid, Page, toPage, uuidv7 } from '@causeway/common';
import { Can, OrganizationRole } from '@causeway/organizations';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { CommentEntity } from './comment.entity';
import { engageableUpdate } from './engagement-guard';

const COMMENT_COLUMNS = (a = 'c') =>
  `${a}.id, ${a}.update_id AS "updateId", ${a}.author_id AS "authorId", ${a}.body, ${a}.created_at AS "createdAt",
   ${a}.deleted_at AS "deletedAt", ${a}.hidden_at AS "hiddenAt"`;

const toComment = (row: Record<string, unknown>): CommentEntity =>
  Object.assign(new CommentEntity(), row);
const commentKey = (c: CommentEntity) => [c.createdAt.toISOString(), c.id];

/**
 * Comments on updates. `updates.comment_count` moves by atomic increments in the same transaction
 * as the comment row, only when a row really changed, so it is exact under any concurrency.
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** On a visible update whose author and the actor have not blocked one another. */
  async add(actorId: string, updateId: string, body: string): Promise<CommentEntity> {
    const id = uuidv7();
    await this.db.transaction(async (em) => {
      await engageableUpdate(em, actorId, updateId);
      await em.query(
        'INSERT INTO comments (id, update_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)',
        [id, updateId, actorId, body, new Date()],
      );
      await em.query('UPDATE updates SET comment_count = comment_count + 1 WHERE id = $1', [
        updateId,
      ]);
      await this.outbox.add(em, DomainEvent.UpdateCommented, { commentId: id, updateId, actorId });
    });
    return (await this.byIds([id]))[0];
  }

  /** By its author, the update's author, or an ADMIN/OWNER of the update's organization. Twice is NOT_FOUND. */
  async delete(actorId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw DomainError.notFound('The comment');
    await this.db.transaction(async (em) => {
      const [c]: {
        author_id: string;
        update_id: string;
        update_author_id: string;
        role: OrganizationRole | null;
      }[] = await em.query(
        `SELECT c.author_id, c.update_id, u.author_id AS update_author_id, m.role
         FROM comments c JOIN updates u ON u.id = c.update_id
         LEFT JOIN organization_members m ON m.organization_id = u.organization_id AND m.user_id = $2
         WHERE c.id = $1 AND c.deleted_at IS NULL AND c.hidden_at IS NULL`,
        [id, actorId],
      );
      if (!c) throw DomainError.notFound('The comment');
      if (c.author_id !== actorId && c.update_author_id !== actorId && !Can.moderate(c.role)) {
        throw DomainError.forbidden(
          "Only the comment's author, the update's author or an ADMIN or OWNER of its organization may delete it.",
        );
      }
      await this.takeDown(em, id, 'deleted_at');
    });
  }

  /**
   * Sets `deleted_at` or `hidden_at` on a visible comment and takes it out of the update's count,
   * inside the caller's transaction; false when it was already gone.
   */
  async takeDown(
    em: EntityManager,
    id: string,
    column: 'deleted_at' | 'hidden_at',
  ): Promise<boolean> {
    const rows: { update_id: string }[] = await em.query(
      `WITH x AS (UPDATE comments SET ${column} = now() WHERE id = $1 AND deleted_at IS NULL AND hidden_at IS NULL RETURNING update_id)
       SELECT update_id FROM x`,
      [id],
    );
    if (rows.length === 0) return false;
    await em.query('UPDATE updates SET comment_count = comment_count - 1 WHERE id = $1', [
      rows[0].update_id,
    ]);
    return true;
  }

  /**
   * Account deletion: deletes every comment of the person and erases its text; only comments that
   * were still counted (visible) leave their update's count.
   */
  async deleteAllBy(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `WITH d AS (UPDATE comments c SET deleted_at = coalesce(c.deleted_at, now()), body = ''
                  FROM (SELECT id, deleted_at IS NULL AND hidden_at IS NULL AS counted FROM comments WHERE author_id = $1 FOR UPDATE) o
                  WHERE c.id = o.id RETURNING c.update_id, o.counted),
            n AS (SELECT update_id, count(*)::int AS n FROM d WHERE counted GROUP BY 1)
       UPDATE updates u SET comment_count = u.comment_count - n.n FROM n WHERE u.id = n.update_id`,
      [userId],
    );
  }

  async byIds(ids: readonly string[]): Promise<CommentEntity[]> {
    const rows = await this.db.query(
      `SELECT ${COMMENT_COLUMNS()} FROM comments c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toComment);
  }

  /**
   * Each update's visible comments, oldest first (conversation order), without those by people the
   * viewer blocked: one LATERAL range scan per update.
   */
  async pagesForUpdates(
    updateIds: string[],
    viewerId: string | null,
    limit: number,
    after: string | null,
  ): Promise<Map<string, Page<CommentEntity>>> {
    const [at, afterId] = after
      ? decodeCursor(after, { list: 'comments', parts: ['time', 'uuid'] }).map(String)
      : ['-infinity', '00000000-0000-0000-0000-000000000000'];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.update_id AS "parentId", ${COMMENT_COLUMNS('x')} FROM unnest($1::uuid[]) AS p(update_id)
       CROSS JOIN LATERAL (
         SELECT c.* FROM comments c
         WHERE c.update_id = p.update_id AND c.deleted_at IS NULL AND c.hidden_at IS NULL
           AND (c.created_at, c.id) > ($2::timestamptz, $3::uuid)
           AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = $4::uuid AND b.blocked_id = c.author_id)
         ORDER BY c.created_at, c.id LIMIT $5) x`,
      [updateIds, at, afterId, viewerId, limit + 1],
    );
    const pages = new Map<string, Page<CommentEntity>>();
    for (const updateId of updateIds) {
      const items = rows
        .filter((r) => r.parentId === updateId)
        .map(({ parentId: _p, ...c }) => toComment(c));
      pages.set(updateId, toPage(items, limit, commentKey, 'comments'));
    }
    return pages;
  }
}
