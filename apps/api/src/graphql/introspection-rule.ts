import { ASTVisitor, FieldNode, GraphQLError, Kind, ValidationContext } from 'graphql';

/** What `__type(name:)` may still tell where introspection is off: that a type exists, and its kind. */
const TYPE_FIELDS_ALLOWED = new Set(['name', 'kind', '__typename']);

/**
 * Introspection off (production), without breaking plain GraphQL-over-HTTP clients: `__schema` is
 * refused, and `__type(name:)` may only ask for the type's `name` and `kind` (the spec's own audit
 * uses it), so no field, argument or operation of the schema can be listed.
 */
export function limitedIntrospectionRule(context: ValidationContext): ASTVisitor {
  const refuse = (node: FieldNode, what: string) =>
    context.reportError(
      new GraphQLError(`GraphQL introspection is not allowed here: ${what}.`, {
        nodes: node,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    );
  return {
    Field(node) {
      if (node.name.value === '__schema') refuse(node, '__schema');
      if (node.name.value !== '__type') return;
      for (const sel of node.selectionSet?.selections ?? []) {
        if (sel.kind !== Kind.FIELD || !TYPE_FIELDS_ALLOWED.has(sel.name.value)) {
          refuse(node, '__type may only select name and kind');
          return;
        }
      }
    },
  };
}
