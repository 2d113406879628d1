import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { ErrorCode } from '@causeway/common';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

export interface QueryMeasure {
  depth: number;
  cost: number;
  aliases: number;
}

const DEFAULT_FIRST = 20;

function firstArg(field: FieldNode, variables: Record<string, unknown>): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return undefined;
  const v: ValueNode = arg.value;
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) {
    const n = variables[v.name.value];
    return typeof n === 'number' ? n : undefined;
  }
  return undefined;
}

/**
 * Measures an operation without running it: depth (nesting of fields with selections), aliases,
 * and cost (each object field 1, multiplied by `first` — 20 when omitted — on connections).
 */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let aliases = 0;
  let maxDepth = 0;

  const walk = (set: SelectionSetNode, depth: number, seen: Set<string>): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        if (!sel.selectionSet) continue;
        maxDepth = Math.max(maxDepth, depth + 1);
        const isConnection =
          sel.arguments?.some((a) => a.name.value === 'first' || a.name.value === 'after') ||
          sel.selectionSet.selections.some((c) => c.kind === Kind.FIELD && (c.name.value === 'edges' || c.name.value === 'nodes'));
        const multiplier = isConnection ? Math.max(1, firstArg(sel, variables) ?? DEFAULT_FIRST) : 1;
        cost += 1 + multiplier * walk(sel.selectionSet, depth + 1, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(sel.selectionSet, depth, seen);
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        if (!frag || seen.has(name)) continue; // unknown or cyclic: graphql validation reports it
        cost += walk(frag.selectionSet, depth, new Set([...seen, name]));
      }
    }
    return cost;
  };
  const cost = walk(operation.selectionSet, 0, new Set());
  return { depth: maxDepth, cost, aliases };
}

/** True for graphql-js's parse error when a document exceeds maxTokens ("more than"/"more that" N tokens). */
export function isTokenLimitError(message: string): boolean {
  return /more th(?:an|at) \d+ tokens/.test(message);
}

export function enforceLimits(measure: QueryMeasure, limits: QueryLimits): void {
  const over =
    measure.depth > limits.maxDepth
      ? `The query is nested ${measure.depth} levels deep; the limit is ${limits.maxDepth}.`
      : measure.aliases > limits.maxAliases
        ? `The query uses ${measure.aliases} aliases; the limit is ${limits.maxAliases}.`
        : measure.cost > limits.maxCost
          ? `The query costs ${measure.cost}; the limit is ${limits.maxCost}.`
          : undefined;
  if (over) {
    throw new GraphQLError(over, { extensions: { code: ErrorCode.QueryTooComplex, http: { status: 400 } } });
  }
}
