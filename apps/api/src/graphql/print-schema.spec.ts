import {
  buildSchema,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { buildSchemaSdl } from './print-schema';

/** Every place in the schema where an API consumer's tools show a description and none is set. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (d: string | null | undefined) => !d?.trim();
  // The code-first builder gives the root operation types no way to carry a description; each of
  // their fields (every query, mutation and subscription) is checked like any other field.
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map(
      (t) => t?.name,
    ),
  );
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (blank(type.description) && !roots.has(type.name)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing.sort();
}

describe(buildSchemaSdl.name, () => {
  it('describes every type, field, argument, input field, enum value and scalar it serves', async () => {
    const schema = buildSchema(await buildSchemaSdl());

    expect(undocumented(schema)).toEqual([]);
  });

  it('lists each undescribed type, field, argument, input field and enum value (roots excepted)', () => {
    const schema = buildSchema(`
      type Query {
        """Described."""
        a(x: Int): Int
        b: Kind
      }
      enum Kind { """One.""" ONE TWO }
      input Filter { """Set.""" set: Int unset: Int }
      type Other { f(y: Filter): Int }
      """Described.""" scalar Money
      scalar Odd
    `);

    expect(undocumented(schema)).toEqual([
      'Filter',
      'Filter.unset',
      'Kind',
      'Kind.TWO',
      'Odd',
      'Other',
      'Other.f',
      'Other.f(y)',
      'Query.a(x)',
      'Query.b',
    ]);
  });
});
