import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EXPORT_TTL_MS } from './data-exports.service';

/** Bytes per stored chunk of an archive. */
export const EXPORT_CHUNK_BYTES = 256 * 1024;
/** Rows read per statement: every section is read in keyset batches, never whole. */
const BATCH = 500;

interface Section {
  name: string;
  /** $1 = the person, then the keyset (null on the first batch), LIMIT $3. Rows carry `k` (the keyset value). */
  sql: string;
}

/**
 * What the archive holds: what the person made, follows and pledged, and their notifications.
 * Read-only statements over other libs' tables, by the person's id only: another person appears
 * only by public id, handle or name, never by email.
 */
const SECTIONS: Section[] = [
  {
    name: 'follows',
    sql: `SELECT f.source_kind::text || ':' || f.source_id AS k, f.source_kind AS "kind", f.source_id AS "id",
                 coalesce(c.slug, o.slug, u.handle) AS "slugOrHandle", coalesce(c.name, o.name, u.display_name) AS "name", f.delivery AS "delivery", f.created_at AS "followedAt"
          FROM follows f
          LEFT JOIN causes c ON f.source_kind = 'CAUSE' AND c.id = f.source_id
          LEFT JOIN organizations o ON f.source_kind = 'ORGANIZATION' AND o.id = f.source_id
          LEFT JOIN users u ON f.source_kind = 'USER' AND u.id = f.source_id
          WHERE f.follower_id = $1 AND ($2::text IS NULL OR f.source_kind::text || ':' || f.source_id > $2)
          ORDER BY 1 LIMIT $3`,
  },
  {
    name: 'organizations',
    sql: `SELECT m.organization_id::text AS k, m.organization_id AS "organizationId", o.slug, o.name, m.role, m.created_at AS "since"
          FROM organization_members m JOIN organizations o ON o.id = m.organization_id
          WHERE m.user_id = $1 AND ($2::text IS NULL OR m.organization_id > $2::uuid) ORDER BY m.organization_id LIMIT $3`,
  },
  {
    name: 'updates',
    sql: `SELECT id::text AS k, id, organization_id AS "organizationId", campaign_id AS "campaignId", body, link_url AS "linkUrl", created_at AS "createdAt"
          FROM updates WHERE author_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
  },
  {
    name: 'comments',
    sql: `SELECT id::text AS k, id, update_id AS "updateId", body, created_at AS "createdAt"
          FROM comments WHERE author_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
  },
  {
    name: 'reactions',
    sql: `SELECT update_id::text AS k, update_id AS "updateId", created_at AS "createdAt"
          FROM reactions WHERE user_id = $1 AND ($2::text IS NULL OR update_id > $2::uuid) ORDER BY update_id LIMIT $3`,
  },
  {
    name: 'pledges',
    sql: `SELECT p.id::text AS k, p.id, p.campaign_id AS "campaignId", c.title AS "campaignTitle", p.kind, p.amount::text AS amount, p.currency,
                 p.status, p.message, p.created_at AS "createdAt", p.fulfilled_at AS "fulfilledAt", p.cancelled_at AS "cancelledAt"
          FROM pledges p JOIN campaigns c ON c.id = p.campaign_id
          WHERE p.user_id = $1 AND ($2::text IS NULL OR p.id > $2::uuid) ORDER BY p.id LIMIT $3`,
  },
  {
    name: 'notifications',
    sql: `SELECT n.id::text AS k, n.id, n.type, n.event_count AS "eventCount", a.handle AS "actorHandle", n.update_id AS "updateId",
                 n.campaign_id AS "campaignId", n.organization_id AS "organizationId", n.created_at AS "createdAt", n.read_at AS "readAt"
          FROM notifications n LEFT JOIN users a ON a.id = n.actor_id
          WHERE n.recipient_id = $1 AND ($2::text IS NULL OR n.id > $2::uuid) ORDER BY n.id LIMIT $3`,
  },
];

/** Appends JSON text and stores it in EXPORT_CHUNK_BYTES chunks as it goes. */
class ChunkWriter {
  private parts: Buffer[] = [];
  private size = 0;
  private seq = 0;
  total = 0;
  constructor(
    private readonly em: EntityManager,
    private readonly exportId: string,
  ) {}

  async write(text: string): Promise<void> {
    const b = Buffer.from(text);
    this.parts.push(b);
    this.size += b.length;
    this.total += b.length;
    if (this.size >= EXPORT_CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    await this.em.query(
      'INSERT INTO data_export_chunks (export_id, seq, data) VALUES ($1, $2, $3)',
      [this.exportId, this.seq++, data],
    );
  }
}

/** Builds archives in the worker and deletes them when they expire. */
@Injectable()
export class DataExportBuilder {
  private readonly logger = new Logger(DataExportBuilder.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Builds the archive of a PENDING export in one transaction (a retried job starts again from an
   * empty archive) and marks it READY for 24 hours. Idempotent: anything but PENDING is left alone.
   */
  async build(exportId: string): Promise<void> {
    const started = Date.now();
    const bytes = await this.db.transaction(async (em) => {
      const [e]: { user_id: string }[] = await em.query(
        `SELECT user_id FROM data_exports WHERE id = $1 AND status = 'PENDING' FOR UPDATE`,
        [exportId],
      );
      if (!e) return null;
      await em.query('DELETE FROM data_export_chunks WHERE export_id = $1', [exportId]);
      const out = new ChunkWriter(em, exportId);
      const [profile]: Record<string, unknown>[] = await em.query(
        `SELECT id, email, handle, display_name AS "displayName", bio, created_at AS "createdAt",
                follower_count AS "followerCount", following_count AS "followingCount"
         FROM users WHERE id = $1`,
        [e.user_id],
      );
      await out.write(
        `{"format":"causeway-export/1","exportedAt":${JSON.stringify(new Date().toISOString())},"profile":${JSON.stringify(profile ?? null)}`,
      );
      for (const section of SECTIONS) {
        await out.write(`,${JSON.stringify(section.name)}:[`);
        let after: string | null = null;
        let first = true;
        for (;;) {
          const rows: Record<string, unknown>[] = await em.query(section.sql, [
            e.user_id,
            after,
            BATCH,
          ]);
          for (const { k, ...row } of rows) {
            await out.write(`${first ? '' : ','}${JSON.stringify(row)}`);
            first = false;
            after = String(k);
          }
          if (rows.length < BATCH) break;
        }
        await out.write(']');
      }
      await out.write('}\n');
      await out.flush();
      await em.query(
        `UPDATE data_exports SET status = 'READY', byte_size = $2, ready_at = now(), expires_at = now() + make_interval(secs => $3) WHERE id = $1`,
        [exportId, out.total, EXPORT_TTL_MS / 1000],
      );
      return out.total;
    });
    if (bytes !== null)
      this.logger.log(
        `data export ${exportId} ready: ${bytes} bytes in ${Date.now() - started} ms`,
      );
  }

  /** Deletes the archives of exports past their 24 hours and marks them EXPIRED; returns how many. */
  async expire(): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH x AS (UPDATE data_exports SET status = 'EXPIRED' WHERE status = 'READY' AND expires_at <= now() RETURNING id),
            d AS (DELETE FROM data_export_chunks c USING x WHERE c.export_id = x.id RETURNING 1)
       SELECT id FROM x`,
    );
    return rows.length;
  }
}
