import { DataSource } from 'typeorm';
import { decodeCursor, Page, toPage } from '@causeway/common';

/**
 * For each parent, one page of child ids newest first (UUIDv7 ids sort by time), from one LATERAL
 * query over an index on (parentColumn, id DESC): a list of parents costs one round trip.
 */
export async function lateralIdPages(
  db: DataSource,
  table: string,
  parentColumn: string,
  parentIds: readonly string[],
  limit: number,
  after: string | null,
  list = `${table}-by-${parentColumn}`,
): Promise<Map<string, Page<string>>> {
  const afterId = after ? String(decodeCursor(after, { list, parts: ['uuid'] })[0]) : null;
  const rows: { parent_id: string; id: string }[] = await db.query(
    `SELECT p.parent_id, x.id FROM unnest($1::uuid[]) AS p(parent_id)
     CROSS JOIN LATERAL (
       SELECT t.id FROM ${table} t
       WHERE t.${parentColumn} = p.parent_id AND ($2::uuid IS NULL OR t.id < $2::uuid)
       ORDER BY t.id DESC LIMIT $3) x`,
    [parentIds, afterId, limit + 1],
  );
  const pages = new Map<string, Page<string>>();
  for (const parentId of parentIds) {
    pages.set(
      parentId,
      toPage(
        rows.filter((r) => r.parent_id === parentId).map((r) => r.id),
        limit,
        (id) => [id],
        list,
      ),
    );
  }
  return pages;
}

/** Replaces the ids of each page by the rows `load` finds for them (in the page's order). */
export async function hydratePages<T extends { id: string }>(
  pages: Map<string, Page<string>>,
  load: (ids: string[]) => Promise<T[]>,
): Promise<Map<string, Page<T>>> {
  const ids = [...new Set([...pages.values()].flatMap((p) => p.items))];
  const byId = new Map((ids.length ? await load(ids) : []).map((row) => [row.id, row]));
  const out = new Map<string, Page<T>>();
  for (const [parentId, page] of pages)
    out.set(parentId, { ...page, items: page.items.map((id) => byId.get(id)!) });
  return out;
}
