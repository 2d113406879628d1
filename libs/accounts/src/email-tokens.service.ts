import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@causeway/common';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { EmailTokenRow, EmailTokensRepository } from './email-tokens.repository';
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
    private readonly tokens: EmailTokensRepository,
  ) {}

  /** Signed in: a new verification email, unless the address is verified already. */
  async resendVerification(userId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const verified = await this.tokens.isVerified(em, userId);
      if (verified === undefined) throw DomainError.notFound('The user');
      if (!verified) await this.outbox.add(em, DomainEvent.VerificationEmailRequested, { userId });
    });
  }

  /** Sends a reset link when the address is registered; says nothing either way. */
  async requestPasswordReset(email: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const userId = await this.tokens.userIdByEmail(em, email.trim());
      if (userId) await this.outbox.add(em, DomainEvent.PasswordResetRequested, { userId });
    });
  }

  /** True once the address is verified; a used link of a verified address is still true. Unknown or expired: BAD_USER_INPUT. */
  async verifyEmail(token: string): Promise<true> {
    const ok = await this.db.transaction(async (em) => {
      const row = await this.tokenRow(em, token, 'VERIFY');
      if (!row) return false;
      if (row.used_at) return row.verified;
      if (row.expired) return false;
      await this.tokens.useVerification(em, row.id, row.user_id);
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
      await this.tokens.useReset(em, row.user_id, passwordHash);
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
    const row = await this.tokens.recipient(em, userId);
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
    await this.tokens.insert(em, userId, purpose, sha256(token), EMAIL_TOKEN_TTL_SECONDS[purpose]);
    return token;
  }

  private tokenRow(
    em: EntityManager,
    token: string,
    purpose: EmailTokenPurpose,
  ): Promise<EmailTokenRow | undefined> {
    if (token.length === 0 || token.length > MAX_TOKEN) return Promise.resolve(undefined);
    return this.tokens.lockByHash(em, sha256(token), purpose);
  }
}
