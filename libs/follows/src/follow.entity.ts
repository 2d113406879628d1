import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FollowSourceKind } from '@causeway/outbox';

export enum FollowSource {
  CAUSE = 'CAUSE',
  ORGANIZATION = 'ORGANIZATION',
  USER = 'USER',
}

/** Where updates from one followed source go: the home feed, the email digest, or nowhere. */
export enum Delivery {
  HOME = 'HOME',
  DIGEST = 'DIGEST',
  MUTED = 'MUTED',
}

/**
 * One person following one source. The primary key (source, follower) makes "the followers of a
 * source in follower-id order, in pages" an index range scan, which the fan-out reads; the
 * follower index serves "what do I follow", newest first.
 */
@Entity('follows')
@Index('follows_follower_idx', ['followerId', 'sourceKind', 'createdAt', 'sourceId'])
export class FollowEntity {
  @PrimaryColumn({ type: 'enum', enum: FollowSource, enumName: 'follow_source' })
  sourceKind!: FollowSource & FollowSourceKind;

  @PrimaryColumn('uuid')
  sourceId!: string;

  @PrimaryColumn('uuid')
  followerId!: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt!: Date;

  /** Where this source's updates go for this follower (carried in the primary key's index for the fan-out). */
  @Column({ type: 'enum', enum: Delivery, enumName: 'follow_delivery', default: Delivery.HOME })
  delivery!: Delivery;
}
