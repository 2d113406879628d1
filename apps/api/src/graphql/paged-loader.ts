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

/** Batches `ids` lookups into one call and answers in the order asked (null for unknown ids). */
export function byIdLoader<T extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** A DataLoader answering per key from a map fetched in one call (`otherwise` for keys not in it). */
export function mapLoader<V>(
  fetch: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>,
  otherwise: V,
): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => {
    const found = await fetch(keys);
    return keys.map((k) => found.get(k) ?? otherwise);
  });
}

/** A DataLoader answering the same value for every key without any I/O (an anonymous viewer's "no"). */
export function constantLoader<V>(value: V): DataLoader<string, V> {
  return new DataLoader<string, V>((keys) => Promise.resolve(keys.map(() => value)));
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
