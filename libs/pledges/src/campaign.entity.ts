import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@causeway/database';
import { bigintColumn } from './bigint.transformer';

/** What is pledged: money in the currency's minor unit, time in minutes, or a count of actions. */
export enum PledgeKind {
  MONEY = 'MONEY',
  TIME = 'TIME',
  ACTION = 'ACTION',
}

/**
 * An organization's campaign. The totals live on the row and move only by atomic increments in
 * the transaction that changes a pledge, so they are exact under any concurrency.
 */
@Entity('campaigns')
@Index('campaigns_organization_idx', ['organizationId', 'id'])
export class CampaignEntity extends BaseEntity {
  @Column('uuid')
  organizationId!: string;

  @Column('uuid', { nullable: true })
  causeId!: string | null;

  @Column('uuid', { nullable: true })
  createdById!: string | null;

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column({ type: 'enum', enum: PledgeKind, enumName: 'pledge_kind' })
  goalKind!: PledgeKind;

  @Column('bigint', { transformer: bigintColumn })
  goalAmount!: bigint;

  /** ISO-4217, MONEY campaigns only. */
  @Column('char', { length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  endsAt!: Date | null;

  /** Sum of PLEDGED and FULFILLED amounts. */
  @Column('bigint', { transformer: bigintColumn, default: 0 })
  pledgedTotal!: bigint;

  /** Sum of FULFILLED amounts. */
  @Column('bigint', { transformer: bigintColumn, default: 0 })
  fulfilledTotal!: bigint;

  /** Number of PLEDGED and FULFILLED pledges. */
  @Column('integer', { default: 0 })
  pledgeCount!: number;

  /** Set once, by the transaction whose pledge first took pledgedTotal to the goal. */
  @Column('timestamptz', { nullable: true })
  goalReachedAt!: Date | null;
}
