import { EntityManager } from 'typeorm';

/** The organizations' part in a person's data export. */
export const OrganizationsRetention = {
  /**
   * The person's memberships, one keyset batch (after an organization id, or from the start when
   * null); rows carry `k`, their keyset value.
   */
  async membershipsFor(
    em: EntityManager,
    userId: string,
    after: string | null,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    return em.query(
      `SELECT m.organization_id::text AS k, m.organization_id AS "organizationId", o.slug, o.name, m.role, m.created_at AS "since"
       FROM organization_members m JOIN organizations o ON o.id = m.organization_id
       WHERE m.user_id = $1 AND ($2::text IS NULL OR m.organization_id > $2::uuid) ORDER BY m.organization_id LIMIT $3`,
      [userId, after, limit],
    );
  },

  /** How a followed organization is named. */
  async labelsOf(
    em: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, { slug: string; name: string }>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; slug: string; name: string }[] = await em.query(
      'SELECT id, slug, name FROM organizations WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map(({ id, slug, name }) => [id, { slug, name }]));
  },
};
