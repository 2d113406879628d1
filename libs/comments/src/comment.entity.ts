import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A comment on an update. Never hard-deleted: `deletedAt` (by its author, the update's author or
 * the organization's ADMIN/OWNER) and `hiddenAt` (by moderation) take it out of every list and out
 * of the update's `commentCount`.
 */
@Entity('comments')
export class CommentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  updateId!: string;

  @Column('uuid')
  authorId!: string;

  @Column('text')
  body!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  deletedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  hiddenAt!: Date | null;
}
