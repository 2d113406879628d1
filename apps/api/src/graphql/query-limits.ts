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
import { ErrorCode, MAX_PAGE_SIZE } from '@causeway/common';

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

/** Introspection roots: their selections are bounded by cost and aliases, not by the depth limit. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The value an argument has when the operation runs: a literal, the variable's value, or (when the
 * variable is not given) the variable's default. Anything that is not a whole number is undefined.
 */
function effectiveInt(
  value: ValueNode,
  variables: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind !== Kind.VARIABLE) return undefined;
  const name = value.name.value;
  if (Object.prototype.hasOwnProperty.call(variables, name)) {
    const given = variables[name];
    return typeof given === 'number' ? given : undefined;
  }
  const fallback = defaults.get(name);
  return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
}

function firstArg(
  field: FieldNode,
  variables: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
): number | undefined {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  return arg ? effectiveInt(arg.value, variables, defaults) : undefined;
}

const isConnectionField = (field: FieldNode & { selectionSet: SelectionSetNode }): boolean =>
  (field.arguments?.some((a) => a.name.value === 'first' || a.name.value === 'after') ?? false) ||
  field.selectionSet.selections.some(
    (c) => c.kind === Kind.FIELD && (c.name.value === 'edges' || c.name.value === 'nodes'),
  );

/**
 * Measures an operation without running it: depth (nesting of fields with selections; selections
 * under `__schema` and `__type` do not count, so every introspection tool works), aliases, and cost (each object field 1, multiplied by
 * the effective `first`, 20 when omitted, on connections).
 *
 * Each fragment is measured once and its measure reused at every spread, so the walk is linear in
 * the size of the document however the fragments spread into each other (a document whose fragments
 * double at each level has an astronomical cost, which is refused, not walked).
 */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const defaults = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? [])
    if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);

  /** A fragment's measure relative to where it is spread; `null` while it is being measured (a cycle). */
  const measured = new Map<string, QueryMeasure | null>();

  const walk = (set: SelectionSetNode, introspection: boolean): QueryMeasure => {
    const total: QueryMeasure = { depth: 0, cost: 0, aliases: 0 };
    const add = (m: QueryMeasure, extraDepth: number, multiplier = 1) => {
      total.depth = Math.max(total.depth, m.depth + extraDepth);
      total.cost += multiplier * m.cost;
      total.aliases += m.aliases;
    };
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) total.aliases++;
        if (!sel.selectionSet) continue;
        const field = sel as FieldNode & { selectionSet: SelectionSetNode };
        const inside = introspection || INTROSPECTION_ROOTS.has(sel.name.value);
        // Above MAX_PAGE_SIZE `first` is refused by the field itself (BAD_USER_INPUT), so it never costs more.
        const multiplier = isConnectionField(field)
          ? Math.min(
              MAX_PAGE_SIZE,
              Math.max(1, firstArg(sel, variables, defaults) ?? DEFAULT_FIRST),
            )
          : 1;
        total.cost += 1;
        add(walk(field.selectionSet, inside), inside ? 0 : 1, multiplier);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        add(walk(sel.selectionSet, introspection), 0);
      } else {
        const m = fragmentMeasure(sel.name.value, introspection);
        if (m) add(m, 0);
      }
    }
    return total;
  };

  const fragmentMeasure = (name: string, introspection: boolean): QueryMeasure | null => {
    const key = `${introspection ? 'i' : 'o'}:${name}`;
    if (measured.has(key)) return measured.get(key) ?? null; // null: a cycle, which validation refuses
    const frag = fragments.get(name);
    if (!frag) return null; // unknown: validation reports it
    measured.set(key, null);
    const m = walk(frag.selectionSet, introspection);
    measured.set(key, m);
    return m;
  };

  return walk(operation.selectionSet, false);
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
          ? `The query costs ${measure.cost > Number.MAX_SAFE_INTEGER ? 'more than anything allowed' : measure.cost}; the limit is ${limits.maxCost}.`
          : undefined;
  if (over) {
    throw new GraphQLError(over, {
      extensions: { code: ErrorCode.QueryTooComplex, http: { status: 400 } },
    });
  }
}
