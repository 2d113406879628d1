import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { DomainError, ErrorCode, normalizeEmail } from '@causeway/common';
import { uniqueViolation } from '@causeway/database';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { PasswordHasher } from './password-hasher';
import { DigestFrequency, Locale, PlatformRole, UserEntity } from './user.entity';

export interface SignUpData {
  email: string;
  password: string;
  handle: string;
  displayName: string;
  locale?: Locale;
  timeZone?: string;
}

export interface ProfileChanges {
  displayName?: string;
  bio?: string | null;
  locale?: Locale;
  timeZone?: string;
}

const TAKEN: Record<string, { field: string; message: string }> = {
  users_email_key: { field: 'email', message: 'That email address is already registered.' },
  users_handle_key: { field: 'handle', message: 'That handle is taken.' },
};

/** People's accounts: sign-up, credentials, profiles. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Creates the account and, in the same transaction, asks the worker for its verification
   * email; the unique indexes decide races (the loser gets CONFLICT).
   */
  async signUp(data: SignUpData): Promise<UserEntity> {
    if (data.timeZone) await this.assertTimeZone(data.timeZone);
    const passwordHash = await this.hasher.hash(data.password);
    const user = this.users.create({
      email: normalizeEmail(data.email),
      handle: data.handle.toLowerCase(),
      displayName: data.displayName,
      passwordHash,
      platformRole: PlatformRole.MEMBER,
      ...(data.locale ? { locale: data.locale } : {}),
      ...(data.timeZone ? { timeZone: data.timeZone } : {}),
    });
    try {
      await this.users.manager.transaction(async (em) => {
        await em.insert(UserEntity, user);
        await this.outbox.add(em, DomainEvent.VerificationEmailRequested, { userId: user.id });
      });
    } catch (err) {
      const taken = TAKEN[uniqueViolation(err) ?? ''];
      if (taken)
        throw new DomainError(ErrorCode.Conflict, taken.message, {
          fields: { [taken.field]: taken.message },
        });
      throw err;
    }
    return (await this.users.findOneBy({ id: user.id }))!;
  }

  /** The user whose email and password match, or null; takes as long for an unknown email. */
  async checkCredentials(email: string, password: string): Promise<UserEntity | null> {
    const found = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .getOne();
    const ok = await this.hasher.verify(found?.passwordHash, password);
    return ok && found ? found : null;
  }

  /** Whether `password` is the person's current password (false for an erased account). */
  async passwordMatches(userId: string, password: string): Promise<boolean> {
    const found = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :userId AND u.deleted_at IS NULL', { userId })
      .getOne();
    return found ? this.hasher.verify(found.passwordHash, password) : false;
  }

  /**
   * Account deletion, inside the caller's transaction: email, handle, display name, bio and
   * password are replaced (by values sign-up can never produce: no `@`, too long, a hyphen; so the
   * old email and handle are free again, nobody can take the new ones first, and no password matches) and every refresh token is deleted. False when the
   * account was already erased.
   */
  async erase(em: EntityManager, userId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `WITH e AS (UPDATE users SET email = 'deleted:' || id, handle = 'deleted-' || replace(id::text, '-', ''),
                         display_name = 'Deleted account', bio = NULL, password_hash = '!', deleted_at = now(), updated_at = now(),
                         email_verified_at = NULL, digest_frequency = 'OFF'
                  WHERE id = $1 AND deleted_at IS NULL RETURNING id)
       SELECT id FROM e`,
      [userId],
    );
    await em.query('DELETE FROM refresh_tokens WHERE user_id = $1', [userId]);
    await em.query('DELETE FROM email_tokens WHERE user_id = $1', [userId]);
    return rows.length === 1;
  }

  /** Locks the person's row for the caller's transaction; false when gone or erased. */
  async lockLive(em: EntityManager, userId: string): Promise<boolean> {
    return (
      (
        await em.query<unknown[]>(
          'SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE',
          [userId],
        )
      ).length === 1
    );
  }

  async updateProfile(userId: string, changes: ProfileChanges): Promise<UserEntity> {
    const set: Partial<UserEntity> = {};
    if (changes.displayName !== undefined) set.displayName = changes.displayName;
    if (changes.bio !== undefined) set.bio = changes.bio === '' ? null : changes.bio;
    if (changes.locale) set.locale = changes.locale;
    if (changes.timeZone) set.timeZone = await this.assertTimeZone(changes.timeZone);
    if (Object.keys(set).length > 0) {
      const res = await this.users.update({ id: userId }, set);
      if (res.affected === 0) throw DomainError.notFound('The user');
    }
    return this.byIdOrFail(userId);
  }

  /** The digest planner computes mornings in PostgreSQL: the zone must be one it knows (not only one Node knows). */
  private async assertTimeZone(timeZone: string): Promise<string> {
    try {
      await this.users.query('SELECT now() AT TIME ZONE $1', [timeZone]);
      return timeZone;
    } catch {
      throw DomainError.badInput({ timeZone: 'must be an IANA time zone' });
    }
  }

  async setDigestFrequency(userId: string, frequency: DigestFrequency): Promise<void> {
    const res = await this.users.update({ id: userId }, { digestFrequency: frequency });
    if (res.affected === 0) throw DomainError.notFound('The user');
  }

  async byIdOrFail(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw DomainError.notFound('The user');
    return user;
  }

  byHandle(handle: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ handle: handle.toLowerCase() });
  }

  /** For DataLoaders: the users with these ids, in any order. */
  byIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.users.findBy({ id: In([...ids]) });
  }
}
