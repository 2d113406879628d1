import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One reaction per person and update; `updates.reaction_count` counts them. */
@Entity('reactions')
export class ReactionEntity {
  @PrimaryColumn('uuid')
  updateId!: string;

  @PrimaryColumn('uuid')
  userId!: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;
}
