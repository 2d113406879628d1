import { EntityManager } from 'typeorm';

/**
 * The comments' and reactions' part in a person's data export: one keyset batch by id (from the
 * start when `after` is null); rows carry `k`, their keyset value.
 */
export const CommentsRetention = {
  /** The person's live comments. */
  async commentsBy(
    em: EntityManager,
    userId: string,
    after: string | null,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    return em.query(
      `SELECT id::text AS k, id, update_id AS "updateId", body, created_at AS "createdAt"
       FROM comments WHERE author_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [userId, after, limit],
    );
  },

  /** The updates the person reacted to. */
  async reactionsBy(
    em: EntityManager,
    userId: string,
    after: string | null,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    return em.query(
      `SELECT update_id::text AS k, update_id AS "updateId", created_at AS "createdAt"
       FROM reactions WHERE user_id = $1 AND ($2::text IS NULL OR update_id > $2::uuid) ORDER BY update_id LIMIT $3`,
      [userId, after, limit],
    );
  },
};
