import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '@causeway/database';
import { UserEntity } from './user.entity';

/**
 * One refresh token (only its SHA-256 is stored). Tokens descended from one logIn share a family:
 * presenting a retired token revokes the whole family.
 */
@Entity('refresh_tokens')
export class RefreshTokenEntity extends BaseEntity {
  @Index('refresh_tokens_token_hash_key', { unique: true })
  @Column('bytea')
  tokenHash!: Buffer;

  @Index('refresh_tokens_family_id_idx')
  @Column('uuid')
  familyId!: string;

  @Index('refresh_tokens_user_id_idx')
  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('timestamptz')
  expiresAt!: Date;

  /** Set when the token was exchanged by refreshSession (it is then retired). */
  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
