import { DomainError, ErrorCode } from './domain-error';
import { configureCursors, CursorSpec, decodeCursor, encodeCursor, toPage } from './pagination';

const FEED: CursorSpec = { list: 'feed', parts: ['time', 'uuid'] };
const ID = '01a2004f-9ebf-7730-9e4c-846d174c4baa';
const forged = (key: unknown[]) =>
  `${Buffer.from(JSON.stringify(key)).toString('base64url')}.AAAAAAAAAAAAAAAA`;

describe('pagination', () => {
  beforeAll(() => configureCursors('a-test-secret-of-some-length-0123456789'));

  it('round-trips a cursor', () => {
    const key = ['2026-11-21T10:00:00.000Z', ID];
    expect(decodeCursor(encodeCursor(key, 'feed'), FEED)).toEqual(key);
  });

  it.each(['garbage!!', '', 'eyJhIjoxfQ', forged(['x', 'y']), 'a.b.c', 'x'.repeat(5000)])(
    'refuses a cursor the server did not make: %p',
    (cursor) => {
      expect(() => decodeCursor(cursor, FEED)).toThrow(DomainError);
      try {
        decodeCursor(cursor, FEED);
      } catch (e) {
        expect((e as DomainError).code).toBe(ErrorCode.BadUserInput);
        expect((e as DomainError).details.fields).toHaveProperty('after');
      }
    },
  );

  it('refuses a cursor made with another key (the key is configuration, not a constant)', () => {
    const cursor = encodeCursor(['2026-11-21T10:00:00.000Z', ID], 'feed');
    configureCursors('another-secret-entirely-0123456789abcdef');
    expect(() => decodeCursor(cursor, FEED)).toThrow(DomainError);
    configureCursors('a-test-secret-of-some-length-0123456789');
    expect(decodeCursor(cursor, FEED)).toHaveLength(2);
  });

  it('refuses a cursor of another list, even one of the same shape', () => {
    const notifications = encodeCursor(['2026-11-21T10:00:00.000Z', ID], 'notifications');
    expect(() => decodeCursor(notifications, FEED)).toThrow(DomainError);
    expect(() => decodeCursor(encodeCursor(['a'], 'feed'), FEED)).toThrow(DomainError);
  });

  it.each([
    ['a time before 1970', ['0000-01-01T00:00:00.000Z', ID]],
    ['a time past 9999', ['+10000-01-01T00:00:00.000Z', ID]],
    ['an impossible date', ['2026-02-31T00:00:00.000Z', ID]],
    ['a malformed uuid', ['2026-11-21T10:00:00.000Z', 'not-a-uuid']],
  ])('refuses a signed cursor holding %s', (_what, key) => {
    expect(() => decodeCursor(encodeCursor(key, 'feed'), FEED)).toThrow(DomainError);
  });

  it('refuses out-of-range numbers and unsafe text in signed cursors', () => {
    const ranked: CursorSpec = { list: 'search', parts: ['number', 'uuid'] };
    expect(decodeCursor(encodeCursor(['0.607927', ID], 'search'), ranked)[0]).toBe('0.607927');
    expect(() =>
      decodeCursor(encodeCursor(['99999999999999999999', ID], 'search'), ranked),
    ).toThrow(DomainError);
    expect(() => decodeCursor(encodeCursor([1e300, ID], 'search'), ranked)).toThrow(DomainError);
    const slugs: CursorSpec = { list: 'causes', parts: ['text'] };
    expect(() => decodeCursor(encodeCursor(['a\u0000b'], 'causes'), slugs)).toThrow(DomainError);
    expect(() => decodeCursor(encodeCursor(['\uD800'], 'causes'), slugs)).toThrow(DomainError);
  });

  it('uses the extra row only to say there is a next page', () => {
    const page = toPage([1, 2, 3], 2, (n) => [n], 'numbers');
    expect(page.items).toEqual([1, 2]);
    expect(page.hasNextPage).toBe(true);
    expect(decodeCursor(page.endCursor!, { list: 'numbers', parts: ['number'] })).toEqual([2]);
    expect(toPage([1], 2, (n) => [n], 'numbers').hasNextPage).toBe(false);
    expect(toPage([], 2, (n) => [n], 'numbers').endCursor).toBeNull();
  });

  it("refuses a real cursor of another list's shape", () => {
    const ranked = encodeCursor(['0.607927', ID], 'feed');
    expect(() => decodeCursor(ranked, FEED)).toThrow(DomainError);
  });
});
