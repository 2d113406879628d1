import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataExportRow } from './data-export-rules';

const COLUMNS = `id, user_id AS "userId", status, created_at AS "createdAt", expires_at AS "expiresAt"`;

/** The data_exports and data_export_chunks tables: requests, their archives and their expiry. */
@Injectable()
export class DataExportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Makes the requests of one person take turns until the caller's transaction ends. */
  async lockRequestsOf(em: EntityManager, userId: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 17))', [userId]);
  }

  async pendingOf(em: EntityManager, userId: string): Promise<DataExportRow | null> {
    const [pending]: DataExportRow[] = await em.query(
      `SELECT ${COLUMNS} FROM data_exports WHERE user_id = $1 AND status = 'PENDING'`,
      [userId],
    );
    return pending ?? null;
  }

  /** How many exports the person requested in the last hour, and when the oldest of them was. */
  async requestedInLastHour(
    em: EntityManager,
    userId: string,
  ): Promise<{ n: number; oldest: Date | null }> {
    const [recent]: { n: number; oldest: Date | null }[] = await em.query(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM data_exports WHERE user_id = $1 AND created_at > now() - interval '1 hour'`,
      [userId],
    );
    return recent;
  }

  async create(em: EntityManager, userId: string): Promise<DataExportRow> {
    const [created]: DataExportRow[] = await em.query(
      `INSERT INTO data_exports (user_id) VALUES ($1) RETURNING ${COLUMNS}`,
      [userId],
    );
    return created;
  }

  /** The person's latest exports, newest first. */
  latestOf(userId: string, limit: number): Promise<DataExportRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM data_exports WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
  }

  /** Chunk count and size of an archive that is READY and not expired; null otherwise. */
  async downloadable(id: string): Promise<{ chunks: number; bytes: number } | null> {
    const [row]: { chunks: number; bytes: string }[] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM data_export_chunks WHERE export_id = e.id) AS chunks, e.byte_size::text AS bytes
       FROM data_exports e WHERE e.id = $1 AND e.status = 'READY' AND e.expires_at > now()`,
      [id],
    );
    return row ? { chunks: row.chunks, bytes: Number(row.bytes) } : null;
  }

  async chunk(id: string, seq: number): Promise<Buffer | null> {
    const [row]: { data: Buffer }[] = await this.db.query(
      'SELECT data FROM data_export_chunks WHERE export_id = $1 AND seq = $2',
      [id, seq],
    );
    return row?.data ?? null;
  }

  /**
   * Locks a PENDING export for building and empties its archive (a retried build starts again);
   * returns its person, or null when it is not PENDING.
   */
  async claimPending(em: EntityManager, id: string): Promise<string | null> {
    const [e]: { user_id: string }[] = await em.query(
      `SELECT user_id FROM data_exports WHERE id = $1 AND status = 'PENDING' FOR UPDATE`,
      [id],
    );
    if (!e) return null;
    await em.query('DELETE FROM data_export_chunks WHERE export_id = $1', [id]);
    return e.user_id;
  }

  async addChunk(em: EntityManager, id: string, seq: number, data: Buffer): Promise<void> {
    await em.query('INSERT INTO data_export_chunks (export_id, seq, data) VALUES ($1, $2, $3)', [
      id,
      seq,
      data,
    ]);
  }

  /** READY from now, downloadable for `ttlMs`. */
  async markReady(em: EntityManager, id: string, bytes: number, ttlMs: number): Promise<void> {
    await em.query(
      `UPDATE data_exports SET status = 'READY', byte_size = $2, ready_at = now(), expires_at = now() + make_interval(secs => $3) WHERE id = $1`,
      [id, bytes, ttlMs / 1000],
    );
  }

  /** Marks READY exports past their expiry EXPIRED and deletes their archives; returns how many. */
  async expireDue(): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH x AS (UPDATE data_exports SET status = 'EXPIRED' WHERE status = 'READY' AND expires_at <= now() RETURNING id),
            d AS (DELETE FROM data_export_chunks c USING x WHERE c.export_id = x.id RETURNING 1)
       SELECT id FROM x`,
    );
    return rows.length;
  }

  /** Account deletion: the person's exports and (by cascade) their archives. */
  async eraseFor(em: EntityManager, userId: string): Promise<void> {
    await em.query('DELETE FROM data_exports WHERE user_id = $1', [userId]);
  }
}
