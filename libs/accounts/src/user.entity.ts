import { Column, Entity, Index, UpdateDateColumn } from 'typeorm';
import { BaseEntity } from '@causeway/database';

export enum PlatformRole {
  MEMBER = 'MEMBER',
  ADMIN = 'ADMIN',
}

/** How often the digest email is sent. */
export enum DigestFrequency {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  OFF = 'OFF',
}

/** The languages emails are written in. */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** A person. Email and handle are stored lower-cased, so their unique indexes are case-insensitive. */
@Entity('users')
export class UserEntity extends BaseEntity {
  @Index('users_email_key', { unique: true })
  @Column('text')
  email!: string;

  @Index('users_handle_key', { unique: true })
  @Column('text')
  handle!: string;

  @Column('text')
  displayName!: string;

  @Column('text', { nullable: true })
  bio!: string | null;

  @Column('text', { select: false })
  passwordHash!: string;

  @Column({
    type: 'enum',
    enum: PlatformRole,
    enumName: 'platform_role',
    default: PlatformRole.MEMBER,
  })
  platformRole!: PlatformRole;

  /** Kept exact by atomic increments in the follow transaction. */
  @Column('integer', { default: 0 })
  followerCount!: number;

  @Column('integer', { default: 0 })
  followingCount!: number;

  /** Set when the person opened the link of a verification (or password reset) email. */
  @Column('timestamptz', { nullable: true })
  emailVerifiedAt!: Date | null;

  @Column({
    type: 'enum',
    enum: DigestFrequency,
    enumName: 'digest_frequency',
    default: DigestFrequency.WEEKLY,
  })
  digestFrequency!: DigestFrequency;

  /** The language of the person's emails. */
  @Column('text', { default: 'en' })
  locale!: Locale;

  /** IANA time zone: the digest is sent in its morning. */
  @Column('text', { default: 'UTC' })
  timeZone!: string;
  /** Set when the account was erased (the row stays so pledges keep their totals, naming no one). */
  @Column('timestamptz', { nullable: true })
  deletedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
