import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ReportAction, ReportEntity, ReportStatus, ReportSubject } from './report.entity';

/** The `reports` table (TypeORM). Methods taking an EntityManager run in the caller's transaction. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectRepository(ReportEntity) private readonly reports: Repository<ReportEntity>) {}

  /** Stores an OPEN report; nothing when the reporter has an open report of the subject already. */
  async addOpen(
    em: EntityManager,
    reporterId: string,
    subjectKind: ReportSubject,
    subjectId: string,
    reason: string,
  ): Promise<void> {
    // The partial unique index (one OPEN report per reporter and subject) is the only conflict.
    await em
      .getRepository(ReportEntity)
      .createQueryBuilder()
      .insert()
      .values({ reporterId, subjectKind, subjectId, reason, createdAt: () => 'now()' })
      .orIgnore()
      .execute();
  }

  /** Up to `limit` reports with the status after (at, id), oldest first. */
  page(status: ReportStatus, limit: number, [at, id]: string[]): Promise<ReportEntity[]> {
    return this.reports
      .createQueryBuilder('r')
      .where('r.status = :status', { status })
      .andWhere('(r.created_at, r.id) > (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at, id })
      .orderBy('r.created_at')
      .addOrderBy('r.id')
      .limit(limit)
      .getMany();
  }

  byId(id: string): Promise<ReportEntity | null> {
    return this.reports.findOneBy({ id });
  }

  lock(em: EntityManager, id: string): Promise<ReportEntity | null> {
    return em
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where('r.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Resolves the report and every other open report of the same subject. */
  async resolveWithSubject(
    em: EntityManager,
    report: ReportEntity,
    action: ReportAction,
    adminId: string,
  ): Promise<void> {
    await em
      .getRepository(ReportEntity)
      .createQueryBuilder()
      .update()
      .set({
        status: ReportStatus.RESOLVED,
        action,
        resolvedBy: adminId,
        resolvedAt: () => 'now()',
      })
      .where(
        '(id = :id OR (subject_kind = :kind AND subject_id = :subjectId)) AND status = :open',
        {
          id: report.id,
          kind: report.subjectKind,
          subjectId: report.subjectId,
          open: ReportStatus.OPEN,
        },
      )
      .execute();
  }
}
