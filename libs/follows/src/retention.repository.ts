import { EntityManager } from 'typeorm';

/** The follows' part in a person's data export. */
export const FollowsRetention = {
  /**
   * What the person follows, one keyset batch over `kind:id` (from the start when `after` is
   * null); rows carry `k`, their keyset value, and name the source by kind and id only.
   */
  async followingFor(
    em: EntityManager,
    userId: string,
    after: string | null,
    limit: number,
  ): Promise<{ k: string; kind: string; id: string; delivery: string; followedAt: Date }[]> {
    return em.query(
      `SELECT source_kind::text || ':' || source_id AS k, source_kind AS "kind", source_id AS "id",
              delivery AS "delivery", created_at AS "followedAt"
       FROM follows
       WHERE follower_id = $1 AND ($2::text IS NULL OR source_kind::text || ':' || source_id > $2)
       ORDER BY 1 LIMIT $3`,
      [userId, after, limit],
    );
  },
};
