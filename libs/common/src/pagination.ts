import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from './domain-error';
import { hasUnsafeText } from './text';

export const MAX_PAGE_SIZE = 100;

/** A keyset position: the sort key of the last item seen (e.g. [createdAt ISO, id]). */
export type CursorKey = (string | number)[];

export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * Cursors are opaque: base64url of the JSON key plus a MAC over the list's name and the key, so a
 * cursor the server did not make, or made for another list, is refused (BAD_USER_INPUT) instead of
 * being turned into SQL. The MAC key comes from configuration (`configureCursors`, called by the
 * API at start with CURSOR_SECRET or a key derived from JWT_SECRET): a constant in the source would
 * let anyone forge cursors. Until configured, a random per-process key is used.
 */
let macKey: Buffer = randomBytes(32);
export function configureCursors(secret: string | Buffer): void {
  macKey = createHmac('sha256', secret).update('causeway-cursor-v2').digest();
}
const mac = (list: string, body: string) =>
  createHmac('sha256', macKey).update(`${list}\n${body}`).digest('base64url').slice(0, 16);

export function encodeCursor(key: CursorKey, list: string): string {
  const body = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${body}.${mac(list, body)}`;
}

/** What each position of a cursor must hold: a uuid, an ISO time, a decimal number or any text. */
export type CursorPart = 'uuid' | 'time' | 'number' | 'text';

/** A list's cursors: the list's name (cursors of one list are refused by another) and the kind of each part. */
export interface CursorSpec {
  list: string;
  parts: CursorPart[];
}

const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Every decoded value is range-checked, so nothing PostgreSQL would refuse reaches it. */
const PART_CHECKS: Record<CursorPart, (v: string | number) => boolean> = {
  uuid: (v) =>
    typeof v === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  time: (v) => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(v))
      return false;
    const t = Date.parse(v);
    return (
      t >= MIN_TIME && t <= MAX_TIME && new Date(t).toISOString().slice(0, 19) === v.slice(0, 19)
    );
  },
  number: (v) =>
    (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e15) ||
    (typeof v === 'string' && /^-?\d{1,15}(\.\d{1,15})?$/.test(v)),
  text: (v) => typeof v === 'string' && v.length <= 200 && !hasUnsafeText(v),
};

/**
 * The key of a cursor this server made for this list, checked against the list's shape (its
 * number of parts and the kind and range of each), so anything else is BAD_USER_INPUT.
 */
export function decodeCursor(cursor: string, spec: CursorSpec): CursorKey {
  const bad = () =>
    DomainError.badInput(
      { after: 'is not a cursor this server made for this list' },
      'The cursor is not valid.',
    );
  if (typeof cursor !== 'string' || cursor.length > 1000) throw bad();
  const [body, sig, extra] = cursor.split('.');
  if (!body || !sig || extra !== undefined) throw bad();
  const expected = Buffer.from(mac(spec.list, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw bad();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const { parts } = spec;
  if (!Array.isArray(key) || key.length !== parts.length) throw bad();
  if (
    !parts.every(
      (part, i) =>
        (typeof key[i] === 'string' || typeof key[i] === 'number') && PART_CHECKS[part](key[i]),
    )
  )
    throw bad();
  return key as CursorKey;
}

/** Turns `limit + 1` fetched rows into a page: the extra row only says there is a next page. */
export function toPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => CursorKey,
  list: string,
): Page<T> {
  const items = rows.slice(0, limit);
  const cursors = items.map((r) => encodeCursor(keyOf(r), list));
  return { items, cursors, hasNextPage: rows.length > limit, endCursor: cursors.at(-1) ?? null };
}

/** A row of a per-parent page (LATERAL over parent ids) without its `parentId` column. */
export function withoutParent(row: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...row };
  delete rest.parentId;
  return rest;
}
