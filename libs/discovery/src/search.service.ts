import { Injectable } from '@nestjs/common';
import { prefixTsQuery } from '@causeway/common';
import { SearchKind, SearchRepository } from './search.repository';

export type { SearchKind } from './search.repository';

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
  constructor(private readonly repo: SearchRepository) {}

  /** The best `limit` matches over causes, organizations, people and the updates the viewer may see, best first. */
  async search(text: string, limit: number, viewerId: string | null = null): Promise<SearchHit[]> {
    const tsq = prefixTsQuery(text);
    if (!tsq) return [];
    const rows = await this.repo.rows(tsq, limit, viewerId);
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
    const rows = await this.repo.suggestionRows(kind, viewerId, limit);
    return rows.map((r) => r.id);
  }
}
