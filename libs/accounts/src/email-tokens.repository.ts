import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** An email token row, locked with its user, as the links are checked. */
export interface EmailTokenRow {
  id: string;
  user_id: string;
  used_at: Date | null;
  expired: boolean;
  verified: boolean;
}

/** A person an email goes to. */
export interface RecipientRow {
  id: string;
  email: string;
  display_name: string;
  locale: string;
  verified: boolean;
}

/**
 * `email_tokens` (only SHA-256 hashes) and the changes to `users` and `refresh_tokens` their links
 * make (SQL). Every method runs in the caller's transaction.
 */
@Injectable()
export class EmailTokensRepository {
  /** Whether the address is verified; undefined when there is no such person. */
  async isVerified(em: EntityManager, userId: string): Promise<boolean | undefined> {
    const [user]: { verified: boolean }[] = await em.query(
      'SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1',
      [userId],
    );
    return user?.verified;
  }

  async userIdByEmail(em: EntityManager, email: string): Promise<string | undefined> {
    const [user]: { id: string }[] = await em.query(
      'SELECT id FROM users WHERE email = lower($1)',
      [email],
    );
    return user?.id;
  }

  async recipient(em: EntityManager, userId: string): Promise<RecipientRow | undefined> {
    const [row]: RecipientRow[] = await em.query(
      'SELECT id, email, display_name, locale, email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1',
      [userId],
    );
    return row;
  }

  async insert(
    em: EntityManager,
    userId: string,
    purpose: string,
    tokenHash: Buffer,
    ttlSeconds: number,
  ): Promise<void> {
    await em.query(
      `INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [userId, purpose, tokenHash, ttlSeconds],
    );
  }

  /** The token with this hash and purpose, locked with its user. */
  async lockByHash(
    em: EntityManager,
    tokenHash: Buffer,
    purpose: string,
  ): Promise<EmailTokenRow | undefined> {
    const [row]: EmailTokenRow[] = await em.query(
      `SELECT t.id, t.user_id, t.used_at, t.expires_at <= now() AS expired, u.email_verified_at IS NOT NULL AS verified
       FROM email_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.purpose = $2 FOR UPDATE OF t, u`,
      [tokenHash, purpose],
    );
    return row;
  }

  /** Uses a verification link: the token is spent, the address verified. */
  async useVerification(em: EntityManager, tokenId: string, userId: string): Promise<void> {
    await em.query('UPDATE email_tokens SET used_at = now() WHERE id = $1', [tokenId]);
    await em.query(
      'UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1',
      [userId],
    );
  }

  /**
   * Uses a reset link: every reset link of the person is spent, the password set (the address
   * counts as verified) and every session revoked.
   */
  async useReset(em: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await em.query(
      `UPDATE email_tokens SET used_at = now() WHERE user_id = $1 AND purpose = 'RESET' AND used_at IS NULL`,
      [userId],
    );
    await em.query(
      'UPDATE users SET password_hash = $2, email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1',
      [userId, passwordHash],
    );
    await em.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
  }
}
