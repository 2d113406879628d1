import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { prefixTsQuery } from '@causeway/common';
import { usersSql } from '@causeway/accounts';
import { causesSql } from '@causeway/causes';
import { followsSql } from '@causeway/follows';
import { organizationsSql } from '@causeway/organizations';
import { updatesSql } from '@causeway/updates';

export type SearchKind = 'CAUSE' | 'ORGANIZATION' | 'USER' | 'UPDATE';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  rank: number;
}

/**
 * Cross-type search (weighted full-text, prefix matching, each table through its GIN index) and
 * suggestions of what to follow.
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The best `limit` matches over causes, organizations, people and the updates the viewer may see, best first. */
  async search(text: string, limit: number, viewerId: string | null = null): Promise<SearchHit[]> {
    const tsq = prefixTsQuery(text);
    if (!tsq) return [];
    const rows: { kind: SearchKind; id: string; rank: string }[] = await this.db.query(
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
    return rows.map((r) => ({ kind: r.kind, id: r.id, rank: Number(r.rank) }));
  }

  /**
   * Causes or organizations followed by the people who follow what the viewer follows, most shared
   * first, then the most followed; never what the viewer already follows. Anonymous or new viewers
   * get the most followed.
   */
  async suggest(
    kind: 'CAUSE' | 'ORGANIZATION',
    viewerId: string | null,
    limit: number,
  ): Promise<string[]> {
    const table = kind === 'CAUSE' ? causesSql.table : organizationsSql.table;
    const rows: { id: string }[] = await this.db.query(
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
    return rows.map((r) => r.id);
  }
}
