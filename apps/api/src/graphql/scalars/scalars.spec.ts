import { GraphQLError, Kind } from 'graphql';
import { BigIntScalar } from './big-int.scalar';
import { DateTimeScalar } from './date-time.scalar';

describe(BigIntScalar.name, () => {
  const sut = new BigIntScalar();
  it('serializes beyond 2^53 as a decimal string', () => {
    expect(sut.serialize(3_000_000_000_000n)).toBe('3000000000000');
    expect(sut.serialize(2n ** 64n)).toBe('18446744073709551616');
    expect(sut.serialize('42')).toBe('42');
  });
  it('parses whole numbers from strings and safe integers', () => {
    expect(sut.parseValue('1000000000000')).toBe(1_000_000_000_000n);
    expect(sut.parseValue(7)).toBe(7n);
    expect(sut.parseLiteral({ kind: Kind.STRING, value: '-5' })).toBe(-5n);
  });
  it.each(['1.5', 'abc', '', ' 1', '1 ', '+1', '0x10', '1e3', 1.5, 2 ** 60, null, {}])(
    'refuses %p with BAD_USER_INPUT',
    (v) => {
      expect(() => sut.parseValue(v)).toThrow(GraphQLError);
      try {
        sut.parseValue(v);
      } catch (e) {
        expect((e as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      }
    },
  );
});

describe(DateTimeScalar.name, () => {
  const sut = new DateTimeScalar();
  it('serializes dates in UTC ISO-8601', () => {
    expect(sut.serialize(new Date(Date.UTC(2026, 10, 21, 10)))).toBe('2026-11-21T10:00:00.000Z');
  });
  it('parses ISO date-times with a zone, and refuses the rest', () => {
    expect(sut.parseValue('2026-11-21T11:00:00+01:00').toISOString()).toBe(
      '2026-11-21T10:00:00.000Z',
    );
    for (const bad of ['2026-11-21', 'yesterday', '2026-13-40T00:00:00Z', 12])
      expect(() => sut.parseValue(bad)).toThrow(GraphQLError);
  });
});
