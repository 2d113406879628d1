import DataLoader from 'dataloader';
import type { Page } from '@causeway/common';

export interface PageKey {
  parentId: string;
  limit: number;
  after: string | null;
}

/**
 * A DataLoader for a connection field on many parents (`causes { nodes { organizations(first: 5) } }`):
 * keys that ask for the same page size and cursor are fetched in one call (the services use one
 * LATERAL query per call), so a list of parents costs one round trip, not one per parent.
 */
export function pagedLoader<T>(
  fetch: (
    parentIds: string[],
    limit: number,
    after: string | null,
  ) => Promise<Map<string, Page<T>>>,
): DataLoader<PageKey, Page<T>, string> {
  return new DataLoader<PageKey, Page<T>, string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const k of keys) {
        const g = `${k.limit}|${k.after ?? ''}`;
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const results = new Map<string, Page<T>>();
      for (const [g, ks] of groups) {
        const pages = await fetch(
          [...new Set(ks.map((k) => k.parentId))],
          ks[0].limit,
          ks[0].after,
        );
        for (const k of ks)
          results.set(
            `${g}|${k.parentId}`,
            pages.get(k.parentId) ?? {
              items: [],
              cursors: [],
              hasNextPage: false,
              endCursor: null,
            },
          );
      }
      return keys.map((k) => results.get(`${k.limit}|${k.after ?? ''}|${k.parentId}`)!);
    },
    { cacheKeyFn: (k) => `${k.limit}|${k.after ?? ''}|${k.parentId}` },
  );
}

/** Groups rows by a key, keeping their order. */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** A DataLoader answering a list per key (empty when none), from one batched fetch. */
export function listLoader<T>(
  fetch: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const grouped = groupBy(await fetch(keys), keyOf);
    return keys.map((k) => grouped.get(k) ?? []);
  });
}

/** A DataLoader answering whether each key is in a set fetched in one call. */
export function setLoader(
  fetch: (keys: readonly string[]) => Promise<Set<string>>,
): DataLoader<string, boolean> {
  return new DataLoader<string, boolean>(async (keys) => {
    const set = await fetch(keys);
    return keys.map((k) => set.has(k));
  });
}
