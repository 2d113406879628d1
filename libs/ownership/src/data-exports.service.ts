import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { integrationsConfig, IntegrationsConfig } from '@causeway/config';
import { DomainError, ErrorCode, isUuid } from '@causeway/common';
import { DomainEvent, Outbox } from '@causeway/outbox';

export enum DataExportStatus {
  PENDING = 'PENDING',
  READY = 'READY',
  EXPIRED = 'EXPIRED',
}

/** How long a ready archive can be downloaded. */
export const EXPORT_TTL_MS = 24 * 3600 * 1000;

export interface DataExportRow {
  id: string;
  userId: string;
  status: DataExportStatus;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface DataExportView {
  id: string;
  status: DataExportStatus;
  createdAt: Date;
  downloadUrl: string | null;
}

const COLUMNS = `id, user_id AS "userId", status, created_at AS "createdAt", expires_at AS "expiresAt"`;

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
  ) {}

  /** The PENDING export if there is one; otherwise a new one (rate limited), built by the worker. */
  async request(userId: string): Promise<DataExportView> {
    const row = await this.db.transaction(async (em) => {
      // Requests of one person take turns, so the count below and the PENDING check are exact.
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 17))', [userId]);
      const [pending]: DataExportRow[] = await em.query(
        `SELECT ${COLUMNS} FROM data_exports WHERE user_id = $1 AND status = 'PENDING'`,
        [userId],
      );
      if (pending) return pending;
      const [recent]: { n: number; oldest: Date | null }[] = await em.query(
        `SELECT count(*)::int AS n, min(created_at) AS oldest FROM data_exports WHERE user_id = $1 AND created_at > now() - interval '1 hour'`,
        [userId],
      );
      if (recent.n >= this.config.exportRateLimitPerHour) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil((recent.oldest!.getTime() + 3600_000 - Date.now()) / 1000),
        );
        throw new DomainError(
          ErrorCode.RateLimited,
          `You can request ${this.config.exportRateLimitPerHour} exports an hour; try again in ${retryAfterSeconds} seconds.`,
          {
            retryAfterSeconds,
          },
        );
      }
      const [created]: DataExportRow[] = await em.query(
        `INSERT INTO data_exports (user_id) VALUES ($1) RETURNING ${COLUMNS}`,
        [userId],
      );
      await this.outbox.add(em, DomainEvent.DataExportRequested, { exportId: created.id, userId });
      return created;
    });
    return this.view(row);
  }

  /** The person's exports, newest first (at most 20). */
  async ofUser(userId: string): Promise<DataExportView[]> {
    const rows: DataExportRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM data_exports WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 20`,
      [userId],
    );
    return rows.map((r) => this.view(r));
  }

  /** As the API shows it: READY past its expiry reads EXPIRED at once (the worker deletes the archive soon after). */
  view(row: DataExportRow): DataExportView {
    const live =
      row.status === DataExportStatus.READY &&
      row.expiresAt !== null &&
      row.expiresAt.getTime() > Date.now();
    const status =
      row.status === DataExportStatus.READY && !live ? DataExportStatus.EXPIRED : row.status;
    return {
      id: row.id,
      status,
      createdAt: row.createdAt,
      downloadUrl: live ? this.signedPath(row.id, row.expiresAt!) : null,
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
    const [row]: { chunks: number; bytes: string }[] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM data_export_chunks WHERE export_id = e.id) AS chunks, e.byte_size::text AS bytes
       FROM data_exports e WHERE e.id = $1 AND e.status = 'READY' AND e.expires_at > now()`,
      [id],
    );
    return row ? { chunks: row.chunks, bytes: Number(row.bytes) } : null;
  }

  /** One stored chunk of an archive (read one at a time while streaming). */
  async chunk(id: string, seq: number): Promise<Buffer | null> {
    const [row]: { data: Buffer }[] = await this.db.query(
      'SELECT data FROM data_export_chunks WHERE export_id = $1 AND seq = $2',
      [id, seq],
    );
    return row?.data ?? null;
  }

  private signature(id: string, expires: number): string {
    return createHmac('sha256', this.config.exportSigningKey)
      .update(`${id}.${expires}`)
      .digest('base64url');
  }
}
