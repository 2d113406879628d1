import { BeforeInsert, CreateDateColumn, PrimaryColumn } from 'typeorm';
import { uuidv7 } from '@causeway/common';

/** UUIDv7 primary key (sorts by creation time) and a timestamptz creation time. */
export abstract class BaseEntity {
  @PrimaryColumn('uuid', { default: () => 'uuid_generate_v7()' })
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= uuidv7();
  }
}
