import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { usersSql } from '@causeway/accounts';
import { causesSql } from '@causeway/causes';
import { followsSql } from '@causeway/follows';
import { organizationsSql } from '@causeway/organizations';
import { updatesSql } from '@causeway/updates';

export type SearchKind = 'CAUSE' | 'ORGANIZATION' | 'USER' | 'UPDATE';

/**
 * Discovery owns no table: its statements read several libs' tables at once (one UNION ALL over
 * four GIN indexes; one CTE over follows), so they compose the owners' fragments.
 */
@Injectable()
export class SearchRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The best `limit` matches of the tsquery over causes, organizations, people and visible updates. */
  async rows(
    tsq: string,
    limit: number,
    viewerId: string | null,
  ): Promise<{ kind: SearchKind; id: string; rank: string }[]> {
    return this.db.query(
      `(SELECT 'CAUSE' AS kind, id, ts_rank(search, q) AS rank FROM ${causesSql.table}, to_tsquery('english', $1) q WHERE search @@ q ORDER BY rank DESC, id LIMIT $2)
       UNION ALL
       (SELECT 'ORGANIZATION', id, ts_rank(search, q) FROM ${organizationsSql.table}, to_tsquery('english', $1) q WHERE search @@ q ORDER BY 3 DESC, id LIMIT $2)
       UNION ALL
       (SELECT 'USER', id, ts_rank(search, q) FROM ${usersSql.table}, to_tsquery('simple', $1) q WHERE search @@ q ORDER BY 3 DESC, id LIMIT $2)
       UNION ALL
       (SELECT 'UPDATE', u.id, ts_rank(u.search, q) FROM ${updatesSql.table} u, to_tsquery('english', $1) q
        WHERE u.search @@ q AND ${updatesSql.visibleTo('$3')} ORDER BY 3 DESC, u.id DESC LIMIT $2)
       ORDER BY rank DESC, kind, id LIMIT $2`,
      [tsq, limit, viewerId],
    );
  }

  /** Causes or organizations followed by the viewer's peers, most shared first, then most followed. */
  async suggestionRows(
    kind: 'CAUSE' | 'ORGANIZATION',
    viewerId: string | null,
    limit: number,
  ): Promise<{ id: string }[]> {
    const table = kind === 'CAUSE' ? causesSql.table : organizationsSql.table;
    return this.db.query(
      `WITH mine AS (
         SELECT source_kind, source_id FROM ${followsSql.table} WHERE follower_id = $1::uuid),
       peers AS (
         SELECT DISTINCT f.follower_id FROM ${followsSql.table} f JOIN mine m USING (source_kind, source_id)
         WHERE f.follower_id <> $1::uuid LIMIT 2000),
       shared AS (
         SELECT f.source_id, count(*) AS n FROM ${followsSql.table} f JOIN peers p USING (follower_id)
         WHERE f.source_kind = $2::follow_source GROUP BY f.source_id)
       SELECT t.id FROM ${table} t LEFT JOIN shared s ON s.source_id = t.id
       WHERE NOT EXISTS (SELECT 1 FROM mine m WHERE m.source_kind = $2::follow_source AND m.source_id = t.id)
       ORDER BY coalesce(s.n, 0) DESC, t.follower_count DESC, t.id
       LIMIT $3`,
      [viewerId, kind, limit],
    );
  }
}
