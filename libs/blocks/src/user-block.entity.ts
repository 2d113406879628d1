import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One person blocking another. */
@Entity('user_blocks')
export class UserBlockEntity {
  @PrimaryColumn('uuid')
  blockerId!: string;

  @PrimaryColumn('uuid')
  blockedId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
