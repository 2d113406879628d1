import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The kinds of notification (the contract's NotificationType). Stored as text: never rename. */
export enum NotificationType {
  NEW_FOLLOWER = 'NEW_FOLLOWER',
  UPDATE_COMMENTED = 'UPDATE_COMMENTED',
  UPDATE_REACTED = 'UPDATE_REACTED',
  PLEDGE_RECEIVED = 'PLEDGE_RECEIVED',
  PLEDGE_FULFILLED = 'PLEDGE_FULFILLED',
  CAMPAIGN_GOAL_REACHED = 'CAMPAIGN_GOAL_REACHED',
  MEMBERSHIP_GRANTED = 'MEMBERSHIP_GRANTED',
  ORGANIZATION_VERIFIED = 'ORGANIZATION_VERIFIED',
  /** To the OWNERs: one of the organization's webhooks failed for too long and was disabled. */
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
}

/**
 * One line of a person's inbox. While unread, events of a grouped type about the same subject fold
 * into one row: `eventCount` says how many, `actorId` is the latest actor and `createdAt` the time
 * of the latest event (see NotificationsService).
 */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  recipientId!: string;

  @Column('text')
  type!: NotificationType;

  @Column('text')
  groupKey!: string;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('uuid', { nullable: true })
  updateId!: string | null;

  /** No foreign key: campaigns live in their own lib. */
  @Column('uuid', { nullable: true })
  campaignId!: string | null;

  @Column('uuid', { nullable: true })
  organizationId!: string | null;

  @Column('integer', { default: 1 })
  eventCount!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  readAt!: Date | null;
}
