import { DomainError, ErrorCode } from './domain-error';
import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination';

describe('pagination', () => {
  it('round-trips a cursor', () => {
    const key = ['2026-11-21T10:00:00.000Z', '01a2004f-9ebf-7730-9e4c-846d174c4baa'];
    expect(decodeCursor(encodeCursor(key), 2)).toEqual(key);
  });

  it.each(['garbage!!', '', 'eyJhIjoxfQ', `${Buffer.from('["x","y"]').toString('base64url')}.AAAAAAAAAAAA`])(
    'refuses a cursor the server did not make: %p',
    (cursor) => {
      expect(() => decodeCursor(cursor, 2)).toThrow(DomainError);
      try {
        decodeCursor(cursor, 2);
      } catch (e) {
        expect((e as DomainError).code).toBe(ErrorCode.BadUserInput);
        expect((e as DomainError).details.fields).toHaveProperty('after');
      }
    },
  );

  it('refuses a cursor of another shape', () => {
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(DomainError);
  });

  it('takes first from 1 to 100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
    for (const bad of [0, -1, 101, 1000, 1.5]) expect(() => pageSize(bad)).toThrow(DomainError);
  });

  it('uses the extra row only to say there is a next page', () => {
    const page = toPage([1, 2, 3], 2, (n) => [n]);
    expect(page.items).toEqual([1, 2]);
    expect(page.hasNextPage).toBe(true);
    expect(decodeCursor(page.endCursor!, 1)).toEqual([2]);
    expect(toPage([1], 2, (n) => [n]).hasNextPage).toBe(false);
    expect(toPage([], 2, (n) => [n]).endCursor).toBeNull();
  });

  it("refuses a real cursor of another list's shape", () => {
    const feed = encodeCursor(['2026-11-21T10:00:00.123Z', '01a20081-e2b8-75f8-92ad-130d06b192c5']);
    const ranked = encodeCursor(['0.607927', '01a20081-e2b8-75f8-92ad-130d06b192c5']);
    expect(decodeCursor(feed, ['time', 'uuid'])).toEqual(['2026-11-21T10:00:00.123Z', '01a20081-e2b8-75f8-92ad-130d06b192c5']);
    expect(decodeCursor(ranked, ['number', 'uuid'])[0]).toBe('0.607927');
    expect(() => decodeCursor(ranked, ['time', 'uuid'])).toThrow(DomainError);
    expect(() => decodeCursor(feed, ['number', 'uuid'])).toThrow(DomainError);
    expect(() => decodeCursor(encodeCursor(['some-slug']), ['uuid'])).toThrow(DomainError);
  });
});
