import { GraphQLError, Kind, OperationDefinitionNode, parse } from 'graphql';
import { enforceLimits, measureOperation } from './query-limits';

const measure = (q: string, vars = {}) => {
  const doc = parse(q);
  return measureOperation(
    doc,
    doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode,
    vars,
  );
};
const limits = { maxDepth: 10, maxCost: 10_000, maxAliases: 30 };

describe(measureOperation.name, () => {
  it('counts object fields, multiplied by first on connections', () => {
    expect(measure('{ viewer { email user { id } } }')).toEqual({ depth: 2, cost: 2, aliases: 0 });
    // feed: 1 + 50 * (edges 1 + node 1 + author 1)
    expect(measure('{ feed(first: 50) { edges { node { id author { id } } } } }').cost).toBe(
      1 + 50 * 3,
    );
    expect(measure('query($n: Int) { feed(first: $n) { nodes { id } } }', { n: 7 }).cost).toBe(
      1 + 7,
    );
    expect(measure('{ feed { nodes { id } } }').cost).toBe(1 + 20);
  });

  it('follows fragments and counts aliases', () => {
    const m = measure(
      '{ a: viewer { ...V } b: viewer { ...V } } fragment V on Viewer { user { id } }',
    );
    expect(m).toEqual({ depth: 2, cost: 4, aliases: 2 });
  });

  it('refuses what is too deep, too costly or has too many aliases', () => {
    const deep = `{ ${'a { '.repeat(11)}id${' }'.repeat(11)} }`;
    expect(() => enforceLimits(measure(deep), limits)).toThrow(GraphQLError);
    const costly =
      '{ feed(first: 100) { nodes { comments(first: 100) { nodes { author { id } } } } } }';
    expect(() => enforceLimits(measure(costly), limits)).toThrow(/costs/);
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: apiVersion`).join(' ')} }`;
    expect(() => enforceLimits(measure(aliases), limits)).toThrow(/aliases/);
    try {
      enforceLimits(measure(deep), limits);
    } catch (e) {
      expect((e as GraphQLError).extensions.code).toBe('QUERY_TOO_COMPLEX');
    }
  });
});

/** `fragment F0 { ...F1 ...F1 } ... fragment F<n> { apiVersion }`: 2^n fields once expanded. */
export function fragmentBomb(levels: number): string {
  const frags = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `query { ...F0 } ${frags.join(' ')} fragment F${levels} on Query { viewer { email } }`;
}

describe('measureOperation against hostile documents', () => {
  it('measures each fragment once, so a doubling fragment chain is linear to measure and refused by cost', () => {
    const started = process.hrtime.bigint();
    const m = measure(fragmentBomb(60));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(m.cost).toBe(2 ** 60);
    expect(m.depth).toBe(1);
    expect(() => enforceLimits(m, limits)).toThrow(/costs more than anything allowed/);
    expect(ms).toBeLessThan(1000); // 2^60 walks would never finish; the memoised walk is microseconds
  });

  it('counts aliases inside fragments at every spread', () => {
    const q = '{ ...A ...A } fragment A on Query { x: apiVersion y: apiVersion }';
    expect(measure(q).aliases).toBe(4);
  });

  it('survives cyclic and unknown fragments (validation refuses them)', () => {
    expect(
      measure('{ ...A } fragment A on Query { viewer { ...B } } fragment B on Viewer { ...A }')
        .cost,
    ).toBe(1);
    expect(measure('{ ...Missing }').cost).toBe(0);
  });

  it('uses the effective value of first: a variable default counts when the variable is not given', () => {
    const q =
      'query Q($f: Int = 100) { causes(first: $f) { nodes { organizations(first: $f) { nodes { updates(first: $f) { nodes { id author { id } } } } } } } }';
    expect(measure(q).cost).toBe(1 + 100 * (2 + 100 * (2 + 100 * 2))); // nodes and author are object fields too
    expect(() => enforceLimits(measure(q), limits)).toThrow(/costs/);
    expect(measure(q, { f: 2 }).cost).toBe(1 + 2 * (2 + 2 * (2 + 2 * 2)));
    expect(
      measure('query Q($f: Int = 5) { feed(first: $f) { nodes { id } } }', { f: null }).cost,
    ).toBe(1 + 20);
  });

  it('does not count introspection selections against the depth limit', () => {
    const typeRef =
      'fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }';
    const q = `{ __schema { types { fields { type { ...T } } } } } ${typeRef}`;
    const m = measure(q);
    expect(m.depth).toBe(0);
    expect(() => enforceLimits(m, limits)).not.toThrow();
    expect(
      measure('{ viewer { user { id } } __type(name: "Query") { fields { name } } }').depth,
    ).toBe(2);
  });
});
