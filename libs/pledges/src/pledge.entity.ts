import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@causeway/database';
import { bigintColumn } from './bigint.transformer';
import { PledgeKind } from './campaign.entity';

export enum PledgeStatus {
  PLEDGED = 'PLEDGED',
  FULFILLED = 'FULFILLED',
  CANCELLED = 'CANCELLED',
}

/** One person's pledge to a campaign; unique per (user, idempotency key). */
@Entity('pledges')
@Index('pledges_user_idempotency_key', ['userId', 'idempotencyKey'], { unique: true })
@Index('pledges_campaign_idx', ['campaignId', 'id'])
@Index('pledges_user_idx', ['userId', 'id'])
export class PledgeEntity extends BaseEntity {
  @Column('uuid')
  campaignId!: string;

  @Column('uuid')
  userId!: string;

  @Column({ type: 'enum', enum: PledgeKind, enumName: 'pledge_kind' })
  kind!: PledgeKind;

  @Column('bigint', { transformer: bigintColumn })
  amount!: bigint;

  @Column('char', { length: 3, nullable: true })
  currency!: string | null;

  @Column({
    type: 'enum',
    enum: PledgeStatus,
    enumName: 'pledge_status',
    default: PledgeStatus.PLEDGED,
  })
  status!: PledgeStatus;

  @Column('text', { nullable: true })
  message!: string | null;

  /** Never exposed: the client's retry key. */
  @Column('text')
  idempotencyKey!: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  fulfilledAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt!: Date | null;
}
