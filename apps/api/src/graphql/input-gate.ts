import { ArgumentNode, DocumentNode, GraphQLError, Kind, OperationDefinitionNode, visit } from 'graphql';
import { ErrorCode, hasUnsafeText } from '@causeway/common';

const MESSAGE = 'must not contain NUL characters or lone surrogates';

/** The first string in `value` (any depth) that is not text, as a path, or undefined. */
function unsafePath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return hasUnsafeText(value) || hasUnsafeText(path) ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (hasUnsafeText(k)) return path;
    const found = unsafePath(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * CONTRACT.md's text rule for every argument of every operation, in one place before anything
 * runs: a string literal or variable holding a NUL character or a lone surrogate is
 * BAD_USER_INPUT naming the argument (or variable), whether or not its resolver has an input
 * class, so no such string ever reaches PostgreSQL.
 */
export function assertSafeInput(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  let field: string | undefined;
  for (const [name, value] of Object.entries(variables ?? {})) {
    field = unsafePath(value, name);
    if (field) break;
  }
  if (!field) {
    let argument: string | undefined;
    visit(operation, {
      Argument: {
        enter: (node: ArgumentNode) => {
          argument = node.name.value;
        },
      },
      StringValue(node) {
        if (!field && hasUnsafeText(node.value)) field = argument ?? 'query';
      },
    });
    for (const d of document.definitions) {
      if (field || d.kind !== Kind.FRAGMENT_DEFINITION) continue;
      visit(d, {
        StringValue(node) {
          if (!field && hasUnsafeText(node.value)) field = 'query';
        },
      });
    }
  }
  if (field) {
    throw new GraphQLError(`The input is not valid: ${field} ${MESSAGE}.`, {
      extensions: { code: ErrorCode.BadUserInput, fields: { [field]: MESSAGE }, http: { status: 400 } },
    });
  }
}
