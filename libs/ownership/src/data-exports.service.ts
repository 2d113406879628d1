import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { integrationsConfig, IntegrationsConfig } from '@causeway/config';
import { DomainError, ErrorCode, isUuid } from '@causeway/common';
import { DomainEvent, Outbox } from '@causeway/outbox';
import {
  DataExportRow,
  DataExportStatus,
  isDownloadable,
  retryAfterSeconds,
  shownStatus,
} from './data-export-rules';
import { DataExportsRepository } from './data-exports.repository';

export interface DataExportView {
  id: string;
  status: DataExportStatus;
  createdAt: Date;
  downloadUrl: string | null;
}

/**
 * People's data exports: requested here (one PENDING at a time, DATA_EXPORT_RATE_LIMIT_PER_HOUR),
 * built by the worker (DataExportBuilder) into chunks in PostgreSQL, so any API process serves
 * them at a signed path until they expire 24 hours after they were ready.
 */
@Injectable()
export class DataExportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(integrationsConfig.KEY) private readonly config: IntegrationsConfig,
    private readonly outbox: Outbox,
    private readonly exports: DataExportsRepository,
  ) {}

  /** The PENDING export if there is one; otherwise a new one (rate limited), built by the worker. */
  async request(userId: string): Promise<DataExportView> {
    const row = await this.db.transaction(async (em) => {
      // Requests of one person take turns, so the count below and the PENDING check are exact.
      await this.exports.lockRequestsOf(em, userId);
      const pending = await this.exports.pendingOf(em, userId);
      if (pending) return pending;
      const recent = await this.exports.requestedInLastHour(em, userId);
      if (recent.n >= this.config.exportRateLimitPerHour) {
        const retryAfter = retryAfterSeconds(recent.oldest!, Date.now());
        throw new DomainError(
          ErrorCode.RateLimited,
          `You can request ${this.config.exportRateLimitPerHour} exports an hour; try again in ${retryAfter} seconds.`,
          { retryAfterSeconds: retryAfter },
        );
      }
      const created = await this.exports.create(em, userId);
      await this.outbox.add(em, DomainEvent.DataExportRequested, { exportId: created.id, userId });
      return created;
    });
    return this.view(row);
  }

  /** The person's exports, newest first (at most 20). */
  async ofUser(userId: string): Promise<DataExportView[]> {
    const rows = await this.exports.latestOf(userId, 20);
    return rows.map((r) => this.view(r));
  }

  view(row: DataExportRow): DataExportView {
    const now = Date.now();
    return {
      id: row.id,
      status: shownStatus(row, now),
      createdAt: row.createdAt,
      downloadUrl: isDownloadable(row, now) ? this.signedPath(row.id, row.expiresAt!) : null,
    };
  }

  signedPath(id: string, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `/exports/${id}?expires=${expires}&signature=${this.signature(id, expires)}`;
  }

  /**
   * The chunk count of a downloadable archive for a signed path, or null (bad signature, expired,
   * not ready): the caller answers 404 without saying which.
   */
  async openDownload(
    id: string,
    expires: string,
    signature: string,
  ): Promise<{ chunks: number; bytes: number } | null> {
    if (!isUuid(id) || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string') return null;
    const expected = Buffer.from(this.signature(id, Number(expires)));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (Number(expires) * 1000 <= Date.now()) return null;
    return this.exports.downloadable(id);
  }

  /** One stored chunk of an archive (read one at a time while streaming). */
  chunk(id: string, seq: number): Promise<Buffer | null> {
    return this.exports.chunk(id, seq);
  }

  private signature(id: string, expires: number): string {
    return createHmac('sha256', this.config.exportSigningKey)
      .update(`${id}.${expires}`)
      .digest('base64url');
  }
}
