import { Column, Entity, Index, UpdateDateColumn } from 'typeorm';
import { BaseEntity } from '@causeway/database';

/** A nonprofit. `search` (name A, mission B) is a generated tsvector behind a GIN index. */
@Entity('organizations')
export class OrganizationEntity extends BaseEntity {
  @Index('organizations_slug_key', { unique: true })
  @Column('text')
  slug!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  mission!: string | null;

  @Column('text', { nullable: true })
  websiteUrl!: string | null;

  @Column('boolean', { default: false })
  verified!: boolean;

  /** Kept exact by atomic increments in the follow transaction. */
  @Column('integer', { default: 0 })
  followerCount!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
