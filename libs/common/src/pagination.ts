import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from './domain-error';

export const DEFAULT_PAGE_SIZE = 20;
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
 * Cursors are opaque: base64url of the JSON key plus a short MAC, so a cursor the server did not
 * make is refused (BAD_USER_INPUT) instead of being turned into SQL. The MAC key is not a secret
 * of any account: it only proves the cursor came from a Causeway server.
 */
const MAC_KEY = 'causeway-cursor-v1';
const mac = (body: string) => createHmac('sha256', MAC_KEY).update(body).digest('base64url').slice(0, 12);

export function encodeCursor(key: CursorKey): string {
  const body = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${body}.${mac(body)}`;
}

/** What each position of a cursor must hold: a uuid, an ISO time, a decimal number or any text. */
export type CursorPart = 'uuid' | 'time' | 'number' | 'text';

const PART_CHECKS: Record<CursorPart, (v: string | number) => boolean> = {
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  time: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  number: (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d{1,20}(\.\d{1,20})?$/.test(v)),
  text: (v) => typeof v === 'string',
};

/**
 * The key of a cursor this server made, checked against the shape the list expects (its number of
 * parts, or the kind of each part), so that a cursor of another list is BAD_USER_INPUT too.
 */
export function decodeCursor(cursor: string, shape: number | CursorPart[]): CursorKey {
  const bad = () => DomainError.badInput({ after: 'is not a cursor this server made' }, 'The cursor is not valid.');
  const [body, sig, extra] = cursor.split('.');
  if (!body || !sig || extra !== undefined) throw bad();
  const expected = Buffer.from(mac(body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw bad();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const parts = typeof shape === 'number' ? null : shape;
  const arity = parts ? parts.length : (shape as number);
  if (!Array.isArray(key) || key.length !== arity || !key.every((k) => typeof k === 'string' || typeof k === 'number')) throw bad();
  if (parts && !parts.every((part, i) => PART_CHECKS[part](key[i]))) throw bad();
  return key as CursorKey;
}

/** Validates `first` (1..100) and returns it. */
export function pageSize(first: number | null | undefined, fallback = DEFAULT_PAGE_SIZE): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw DomainError.badInput({ first: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` });
  }
  return n;
}

/** Turns `limit + 1` fetched rows into a page: the extra row only says there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const cursors = items.map((r) => encodeCursor(keyOf(r)));
  return { items, cursors, hasNextPage: rows.length > limit, endCursor: cursors.at(-1) ?? null };
}
