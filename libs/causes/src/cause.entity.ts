import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@causeway/database';

/**
 * A cause people care about; causes form a tree (`parentId`). `search` is a generated, weighted
 * tsvector (name A, description B) behind a GIN index; it is never read into the entity.
 */
@Entity('causes')
export class CauseEntity extends BaseEntity {
  @Index('causes_slug_key', { unique: true })
  @Column('text')
  slug!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Index('causes_parent_id_idx')
  @Column('uuid', { nullable: true })
  parentId!: string | null;

  /** Kept exact by atomic increments in the follow transaction. */
  @Column('integer', { default: 0 })
  followerCount!: number;
}
