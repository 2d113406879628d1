import { isUuid, uuidv7 } from './ids';

describe(uuidv7.name, () => {
  it('makes version-7 UUIDs that sort by creation, also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    expect(ids.every(isUuid)).toBe(true);
    expect(ids.every((id) => id[14] === '7' && '89ab'.includes(id[19]))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the time in its first 48 bits', () => {
    const at = Date.UTC(2026, 10, 21, 10, 0, 0);
    const id = uuidv7(at + 10_000_000);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(at);
  });
});
