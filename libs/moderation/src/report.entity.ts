import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum ReportSubject {
  UPDATE = 'UPDATE',
  COMMENT = 'COMMENT',
  USER = 'USER',
  ORGANIZATION = 'ORGANIZATION',
}

export enum ReportStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}

export enum ReportAction {
  /** Hides the reported update or comment everywhere. */
  HIDE = 'HIDE',
  /** Closes the report, changing nothing else. */
  DISMISS = 'DISMISS',
}

/** Who reported what and why; at most one OPEN report per reporter and subject. */
@Entity('reports')
export class ReportEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  reporterId!: string;

  @Column('text')
  subjectKind!: ReportSubject;

  @Column('uuid')
  subjectId!: string;

  @Column('text')
  reason!: string;

  @Column('text', { default: ReportStatus.OPEN })
  status!: ReportStatus;

  @Column('text', { nullable: true })
  action!: ReportAction | null;

  @Column('uuid', { nullable: true })
  resolvedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
