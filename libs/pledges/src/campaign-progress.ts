import { EntityManager } from 'typeorm';
import { followsSql } from '@causeway/follows';
import { organizationsSql } from '@causeway/organizations';

export interface MovedCampaignRow {
  id: string;
  title: string;
  organization_name: string;
  goal_kind: 'MONEY' | 'TIME' | 'ACTION';
  goal_amount: string;
  pledged_total: string;
  currency: string | null;
}

/**
 * Campaigns of the organizations a person follows (not MUTED) that received pledges in
 * (since, until] still standing: they moved toward their goal. One statement; at most 10.
 */
export async function campaignsMovedFor(
  em: EntityManager,
  userId: string,
  since: Date,
  until: Date,
): Promise<MovedCampaignRow[]> {
  return em.query(
    `SELECT c.id, c.title, o.name AS organization_name, c.goal_kind, c.goal_amount::text, c.pledged_total::text, c.currency
     FROM ${followsSql.table} f
     JOIN campaigns c ON c.organization_id = f.source_id
     JOIN ${organizationsSql.table} o ON o.id = c.organization_id
     WHERE f.follower_id = $1 AND f.source_kind = 'ORGANIZATION' AND f.delivery <> 'MUTED'
       AND EXISTS (SELECT 1 FROM pledges p WHERE p.campaign_id = c.id AND p.status <> 'CANCELLED' AND p.created_at > $2 AND p.created_at <= $3)
     ORDER BY c.id DESC
     LIMIT 10`,
    [userId, since, until],
  );
}
