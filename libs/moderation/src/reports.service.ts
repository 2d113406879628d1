import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertNever, decodeCursor, DomainError, Page, toPage } from '@causeway/common';
import { UsersRepository } from '@causeway/accounts';
import { CommentsService } from '@causeway/comments';
import { OrganizationsRepository } from '@causeway/organizations';
import { UpdatesRepository } from '@causeway/updates';
import { ReportAction, ReportEntity, ReportStatus, ReportSubject } from './report.entity';
import { ReportsRepository } from './reports.repository';

/** What to call each kind of subject in NOT_FOUND. */
const SUBJECT_NAME: Record<ReportSubject, string> = {
  [ReportSubject.UPDATE]: 'The update',
  [ReportSubject.COMMENT]: 'The comment',
  [ReportSubject.USER]: 'The user',
  [ReportSubject.ORGANIZATION]: 'The organization',
};

/** Reports of abuse, and their resolution by platform admins. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly comments: CommentsService,
    private readonly updates: UpdatesRepository,
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly reports: ReportsRepository,
  ) {}

  /** Whether the subject exists (updates and comments: and are visible). */
  private exists(em: EntityManager, subject: ReportSubject, id: string): Promise<boolean> {
    switch (subject) {
      case ReportSubject.UPDATE:
        return this.updates.isVisible(id, em);
      case ReportSubject.COMMENT:
        return this.comments.isVisible(id, em);
      case ReportSubject.USER:
        return this.users.exists(id, em);
      case ReportSubject.ORGANIZATION:
        return this.organizations.exists(id, em);
      default:
        return assertNever(subject);
    }
  }

  /** Stores the report; reporting the same subject again while the first report is open changes nothing. */
  async report(
    reporterId: string,
    subject: ReportSubject,
    subjectId: string,
    reason: string,
  ): Promise<void> {
    const what = SUBJECT_NAME[subject];
    await this.db.transaction(async (em) => {
      if (!(await this.exists(em, subject, subjectId))) throw DomainError.notFound(what);
      await this.reports.addOpen(em, reporterId, subject, subjectId, reason);
    });
  }

  /** Reports with the status, oldest first (a queue to work through). */
  async list(
    status: ReportStatus,
    limit: number,
    after?: string | null,
  ): Promise<Page<ReportEntity>> {
    const cursor = after
      ? decodeCursor(after, { list: 'reports', parts: ['time', 'uuid'] }).map(String)
      : ['-infinity', '00000000-0000-0000-0000-000000000000'];
    const rows = await this.reports.page(status, limit + 1, cursor);
    return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id], 'reports');
  }

  /**
   * Resolves an OPEN report (CONFLICT otherwise) and every other open report of the same subject.
   * HIDE hides the update or comment everywhere (only those can be hidden: BAD_USER_INPUT for a
   * user or an organization); DISMISS only closes the reports.
   */
  async resolve(adminId: string, id: string, action: ReportAction): Promise<ReportEntity> {
    await this.db.transaction(async (em) => {
      const r = await this.reports.lock(em, id);
      if (!r) throw DomainError.notFound('The report');
      if (r.status !== ReportStatus.OPEN)
        throw DomainError.conflict('The report is already resolved.');
      if (action === ReportAction.HIDE) await this.hide(em, r.subjectKind, r.subjectId);
      await this.reports.resolveWithSubject(em, r, action, adminId);
    });
    return (await this.reports.byId(id))!;
  }

  private async hide(em: EntityManager, subject: ReportSubject, subjectId: string): Promise<void> {
    switch (subject) {
      case ReportSubject.UPDATE:
        await this.updates.setHidden(em, subjectId);
        return;
      case ReportSubject.COMMENT:
        await this.comments.takeDown(em, subjectId, 'hidden_at');
        return;
      case ReportSubject.USER:
      case ReportSubject.ORGANIZATION:
        throw DomainError.badInput({
          action: 'HIDE applies to updates and comments only; use DISMISS',
        });
      default:
        assertNever(subject);
    }
  }
}
