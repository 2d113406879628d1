import { EntityManager } from 'typeorm';

/** Spent or expired email links are kept this long past their expiry, then deleted. */
export const EMAIL_TOKENS_KEPT_MS = 7 * 24 * 3600_000;

/** A person as others see them: by handle and name, never by email. */
export interface PersonLabel {
  handle: string;
  name: string;
}

/** The accounts' part in a person's data export and in housekeeping. */
export const AccountsRetention = {
  /** The person's own profile, as their archive shows it (their email included). */
  async profileFor(em: EntityManager, userId: string): Promise<Record<string, unknown> | null> {
    const [profile]: Record<string, unknown>[] = await em.query(
      `SELECT id, email, handle, display_name AS "displayName", bio, created_at AS "createdAt",
              follower_count AS "followerCount", following_count AS "followingCount"
       FROM users WHERE id = $1`,
      [userId],
    );
    return profile ?? null;
  },

  /** Other people named in an archive, by id. */
  async labelsOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, PersonLabel>> {
    if (ids.length === 0) return new Map();
    const rows: ({ id: string } & PersonLabel)[] = await em.query(
      'SELECT id, handle, display_name AS name FROM users WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map(({ id, ...label }) => [id, label]));
  },

  /** Deletes up to `limit` email links that expired before `before`; returns how many went. */
  async purgeExpiredEmailTokens(em: EntityManager, before: Date, limit: number): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `WITH d AS (DELETE FROM email_tokens WHERE ctid IN (SELECT ctid FROM email_tokens WHERE expires_at < $1 LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [before, limit],
    );
    return n;
  },
};
