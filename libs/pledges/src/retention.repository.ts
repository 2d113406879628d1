import { EntityManager } from 'typeorm';

/** The pledges' part in a person's data export. */
export const PledgesRetention = {
  /**
   * The person's pledges with their campaign's title, one keyset batch by id (from the start when
   * `after` is null); rows carry `k`, their keyset value. Amounts as text: they are bigints.
   */
  async pledgesBy(
    em: EntityManager,
    userId: string,
    after: string | null,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    return em.query(
      `SELECT p.id::text AS k, p.id, p.campaign_id AS "campaignId", c.title AS "campaignTitle", p.kind, p.amount::text AS amount, p.currency,
              p.status, p.message, p.created_at AS "createdAt", p.fulfilled_at AS "fulfilledAt", p.cancelled_at AS "cancelledAt"
       FROM pledges p JOIN campaigns c ON c.id = p.campaign_id
       WHERE p.user_id = $1 AND ($2::text IS NULL OR p.id > $2::uuid) ORDER BY p.id LIMIT $3`,
      [userId, after, limit],
    );
  },
};
