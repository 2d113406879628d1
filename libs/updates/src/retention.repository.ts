import { EntityManager } from 'typeorm';

/** The updates' part in a person's data export and in housekeeping. */
export const UpdatesRetention = {
  /**
   * The person's live updates, one keyset batch by id (from the start when `after` is null); rows
   * carry `k`, their keyset value.
   */
  async authoredBy(
    em: EntityManager,
    userId: string,
    after: string | null,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    return em.query(
      `SELECT id::text AS k, id, organization_id AS "organizationId", campaign_id AS "campaignId", body, link_url AS "linkUrl", created_at AS "createdAt"
       FROM updates WHERE author_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [userId, after, limit],
    );
  },

  /** Those of `ids` whose fan-out finished before `before`. */
  async fannedOutBefore(
    em: EntityManager,
    ids: readonly string[],
    before: Date,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await em.query(
      'SELECT id FROM updates WHERE id = ANY($1::uuid[]) AND fanned_out_at < $2',
      [ids, before],
    );
    return rows.map((r) => r.id);
  },
};
