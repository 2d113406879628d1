import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A domain event written in the same transaction as the change that caused it. The worker's relay
 * turns it into a job (a job id derived from the event, so it is enqueued once) and the job's
 * handler sets `completedAt`; the sweeper re-enqueues what was relayed but never completed.
 */
@Entity('outbox_events')
export class OutboxEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  type!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  /** The request that wrote it (x-request-id), carried into its jobs' data and logs. */
  @Column('text', { nullable: true })
  requestId!: string | null;

  @Column('timestamptz', { nullable: true })
  relayedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;
}
