import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An update: personal, or posted on behalf of an organization. Never hard-deleted: `deletedAt`
 * (by its author or the organization) and `hiddenAt` (by moderation) take it out of every list.
 * `search` (a generated tsvector over the body) is never read into the entity.
 */
@Entity('updates')
export class UpdateEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  authorId!: string;

  @Column('uuid', { nullable: true })
  organizationId!: string | null;

  @Column('uuid', { nullable: true })
  campaignId!: string | null;

  @Column('text')
  body!: string;

  @Column('text', { nullable: true })
  linkUrl!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  deletedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  hiddenAt!: Date | null;

  /** Kept exact by atomic increments in the comment transaction. */
  @Column('integer', { default: 0 })
  commentCount!: number;

  /** Kept exact by atomic increments in the reaction transaction. */
  @Column('integer', { default: 0 })
  reactionCount!: number;

  /** When the fan-out delivered the last feed entry; `deliveryLagMs` is that minus `createdAt`. */
  @Column('timestamptz', { nullable: true })
  fannedOutAt!: Date | null;

  @Column('integer', { nullable: true })
  deliveryLagMs!: number | null;
}
