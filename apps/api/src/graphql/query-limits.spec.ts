import { GraphQLError, OperationDefinitionNode, parse } from 'graphql';
import { enforceLimits, measureOperation } from './query-limits';

const measure = (q: string, vars = {}) => {
  const doc = parse(q);
  return measureOperation(doc, doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode, vars);
};
const limits = { maxDepth: 10, maxCost: 10_000, maxAliases: 30 };

describe(measureOperation.name, () => {
  it('counts object fields, multiplied by first on connections', () => {
    expect(measure('{ viewer { email user { id } } }')).toEqual({ depth: 2, cost: 2, aliases: 0 });
    // feed: 1 + 50 * (edges 1 + node 1 + author 1)
    expect(measure('{ feed(first: 50) { edges { node { id author { id } } } } }').cost).toBe(1 + 50 * 3);
    expect(measure('query($n: Int) { feed(first: $n) { nodes { id } } }', { n: 7 }).cost).toBe(1 + 7);
    expect(measure('{ feed { nodes { id } } }').cost).toBe(1 + 20);
  });

  it('follows fragments and counts aliases', () => {
    const m = measure('{ a: viewer { ...V } b: viewer { ...V } } fragment V on Viewer { user { id } }');
    expect(m).toEqual({ depth: 2, cost: 4, aliases: 2 });
  });

  it('refuses what is too deep, too costly or has too many aliases', () => {
    const deep = `{ ${'a { '.repeat(11)}id${' }'.repeat(11)} }`;
    expect(() => enforceLimits(measure(deep), limits)).toThrow(GraphQLError);
    const costly = '{ feed(first: 100) { nodes { comments(first: 100) { nodes { author { id } } } } } }';
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
