import {
  ArgumentNode,
  DocumentNode,
  GraphQLError,
  Kind,
  ObjectFieldNode,
  OperationDefinitionNode,
  StringValueNode,
  VariableNode,
  visit,
} from 'graphql';
import { ErrorCode, hasUnsafeText } from '@causeway/common';

const MESSAGE = 'must not contain NUL characters or lone surrogates';

/** The first string in `value` (any depth) that is not text, as a path, or undefined. */
function unsafePath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string')
    return hasUnsafeText(value) || hasUnsafeText(path) ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (hasUnsafeText(k)) return path;
    const found = unsafePath(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `extensions.fields` names fields the way the input classes do: relative to an `input` argument. */
const fieldName = (path: string[]): string =>
  (path[0] === 'input' && path.length > 1 ? path.slice(1) : path).join('.');

/**
 * the API contract's text rule for every argument of every operation, in one place before anything
 * runs: a string literal or variable holding a NUL character or a lone surrogate is
 * BAD_USER_INPUT naming the field, whether or not its resolver has an input class, so no such
 * string ever reaches PostgreSQL.
 */
export function assertSafeInput(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): void {
  let field: string | undefined;
  // Literals: the path of arguments and input-object fields down to the string.
  const path: string[] = [];
  const argumentOf = new Map<string, string[]>();
  const visitor = {
    Argument: {
      enter: (node: ArgumentNode) => void path.push(node.name.value),
      leave: () => void path.pop(),
    },
    ObjectField: {
      enter: (node: ObjectFieldNode) => void path.push(node.name.value),
      leave: () => void path.pop(),
    },
    Variable: (node: VariableNode) => {
      if (path.length > 0 && !argumentOf.has(node.name.value))
        argumentOf.set(node.name.value, [...path]);
    },
    StringValue: (node: StringValueNode) => {
      if (!field && hasUnsafeText(node.value)) field = fieldName(path) || 'query';
    },
  };
  visit(operation, visitor);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) visit(d, visitor);
  // Variables: named after the argument they are given to.
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (field) break;
    const found = unsafePath(value, '');
    if (found !== undefined)
      field = fieldName([...(argumentOf.get(name) ?? [name]), ...found.split('.').filter(Boolean)]);
  }
  if (field) {
    throw new GraphQLError(`The input is not valid: ${field} ${MESSAGE}.`, {
      extensions: {
        code: ErrorCode.BadUserInput,
        fields: { [field]: MESSAGE },
        http: { status: 400 },
      },
    });
  }
}
