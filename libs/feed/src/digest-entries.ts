import { EntityManager } from 'typeorm';

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
 * The updates that reached a person through DIGEST follows in (since, until], in one statement
 * over `digest_entries` (the fan-out writes them): those that also reached the home feed through a
 * HOME follow are left out (HOME over DIGEST), and so are deleted or hidden updates and updates by
 * people the person blocked. Each carries its organization and its first cause (by name).
 */
export async function digestItems(
  em: EntityManager,
  userId: string,
  since: Date,
  until: Date,
): Promise<DigestItemRow[]> {
  return em.query(
    `SELECT u.id AS update_id, u.body, u.created_at, a.display_name AS author_name, o.name AS organization_name,
            (SELECT c.name FROM update_causes uc JOIN causes c ON c.id = uc.cause_id WHERE uc.update_id = u.id ORDER BY c.name LIMIT 1) AS cause_name
     FROM digest_entries d
     JOIN updates u ON u.id = d.update_id
     JOIN users a ON a.id = u.author_id
     LEFT JOIN organizations o ON o.id = u.organization_id
     WHERE d.user_id = $1 AND d.created_at > $2 AND d.created_at <= $3
       AND u.deleted_at IS NULL AND u.hidden_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM feed_entries f WHERE f.user_id = d.user_id AND f.created_at = d.created_at AND f.update_id = d.update_id)
       AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = d.user_id AND b.blocked_id = u.author_id)
     ORDER BY d.created_at DESC, d.update_id DESC
     LIMIT ${DIGEST_MAX_ITEMS}`,
    [userId, since, until],
  );
}
