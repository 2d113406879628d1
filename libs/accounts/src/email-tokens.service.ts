import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@causeway/common';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { PasswordHasher } from './password-hasher';

export type EmailTokenPurpose = 'VERIFY' | 'RESET';

/** How long the link of each kind of email works. */
export const EMAIL_TOKEN_TTL_SECONDS: Record<EmailTokenPurpose, number> = {
  VERIFY: 7 * 24 * 3600,
  RESET: 3600,
};

const sha256 = (token: string) => createHash('sha256').update(token).digest();
const MAX_TOKEN = 200;

export interface EmailRecipient {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  emailVerified: boolean;
}

/**
 * Email verification and password reset. The API asks for an email through the outbox; the
 * worker makes the token (256 random bits, only its SHA-256 stored) in the transaction that sends
 * the email, so no usable token is ever stored or logged.
 */
@Injectable()
export class EmailTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Signed in: a new verification email, unless the address is verified already. */
  async resendVerification(userId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [user]: { verified: boolean }[] = await em.query(
        'SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1',
        [userId],
      );
      if (!user) throw DomainError.notFound('The user');
      if (!user.verified)
        await this.outbox.add(em, DomainEvent.VerificationEmailRequested, { userId });
    });
  }

  /** Sends a reset link when the address is registered; says nothing either way. */
  async requestPasswordReset(email: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [user]: { id: string }[] = await em.query(
        'SELECT id FROM users WHERE email = lower($1)',
        [email.trim()],
      );
      if (user) await this.outbox.add(em, DomainEvent.PasswordResetRequested, { userId: user.id });
    });
  }

  /** True once the address is verified; a used link of a verified address is still true. Unknown or expired: BAD_USER_INPUT. */
  async verifyEmail(token: string): Promise<true> {
    const ok = await this.db.transaction(async (em) => {
      const row = await this.tokenRow(em, token, 'VERIFY');
      if (!row) return false;
      if (row.used_at) return row.verified;
      if (row.expired) return false;
      await em.query('UPDATE email_tokens SET used_at = now() WHERE id = $1', [row.id]);
      await em.query(
        'UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1',
        [row.user_id],
      );
      return true;
    });
    if (!ok)
      throw DomainError.badInput(
        { token: 'is unknown or has expired' },
        'This verification link is not valid any more.',
      );
    return true;
  }

  /**
   * Sets a new password from a reset link: single use, within the hour. Every other reset link of
   * the user stops working and every session (refresh token family) is revoked. The link proves
   * the address, so it counts as verified too. Bad token: BAD_USER_INPUT.
   */
  async resetPassword(token: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    const ok = await this.db.transaction(async (em) => {
      const row = await this.tokenRow(em, token, 'RESET');
      if (!row || row.used_at || row.expired) return false;
      await em.query(
        `UPDATE email_tokens SET used_at = now() WHERE user_id = $1 AND purpose = 'RESET' AND used_at IS NULL`,
        [row.user_id],
      );
      await em.query(
        'UPDATE users SET password_hash = $2, email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1',
        [row.user_id, passwordHash],
      );
      await em.query(
        'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
        [row.user_id],
      );
      return true;
    });
    if (!ok)
      throw DomainError.badInput(
        { token: 'is unknown, used or has expired' },
        'This password reset link is not valid any more.',
      );
  }

  /** Worker: who an email goes to (null: the account is gone). */
  async recipient(em: EntityManager, userId: string): Promise<EmailRecipient | null> {
    const [row]: {
      id: string;
      email: string;
      display_name: string;
      locale: string;
      verified: boolean;
    }[] = await em.query(
      'SELECT id, email, display_name, locale, email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1',
      [userId],
    );
    return row
      ? {
          id: row.id,
          email: row.email,
          displayName: row.display_name,
          locale: row.locale,
          emailVerified: row.verified,
        }
      : null;
  }

  /** Worker: a new token, stored hashed in the caller's transaction (the one that sends the email). */
  async issue(em: EntityManager, userId: string, purpose: EmailTokenPurpose): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.query(
      `INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [userId, purpose, sha256(token), EMAIL_TOKEN_TTL_SECONDS[purpose]],
    );
    return token;
  }

  private async tokenRow(em: EntityManager, token: string, purpose: EmailTokenPurpose) {
    if (token.length === 0 || token.length > MAX_TOKEN) return undefined;
    const [row]: {
      id: string;
      user_id: string;
      used_at: Date | null;
      expired: boolean;
      verified: boolean;
    }[] = await em.query(
      `SELECT t.id, t.user_id, t.used_at, t.expires_at <= now() AS expired, u.email_verified_at IS NOT NULL AS verified
       FROM email_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.purpose = $2 FOR UPDATE OF t, u`,
      [sha256(token), purpose],
    );
    return row;
  }
}
