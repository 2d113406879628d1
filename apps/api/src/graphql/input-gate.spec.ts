import { GraphQLError, Kind, OperationDefinitionNode, parse } from 'graphql';
import { assertSafeInput } from './input-gate';

const fieldsOf = (
  query: string,
  variables: Record<string, unknown> = {},
): Record<string, string> | undefined => {
  const doc = parse(query);
  try {
    assertSafeInput(
      doc,
      doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode,
      variables,
    );
    return undefined;
  } catch (e) {
    expect((e as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (e as GraphQLError).extensions.fields as Record<string, string>;
  }
};

describe(assertSafeInput.name, () => {
  it('lets ordinary text through, including astral characters', () => {
    expect(
      fieldsOf('query($v: String!) { cause(slug: $v) { id } }', { v: 'water 💧 Wasser' }),
    ).toBeUndefined();
  });

  it('names the argument or input field that holds a NUL or a lone surrogate', () => {
    expect(fieldsOf('query($v: String!) { cause(slug: $v) { id } }', { v: 'a\u0000' })).toEqual({
      slug: expect.any(String),
    });
    expect(
      fieldsOf('mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }', {
        i: { displayName: '\uDC00' },
      }),
    ).toEqual({ displayName: expect.any(String) });
    expect(
      fieldsOf('mutation { logIn(input: { email: "a\\u0000b", password: "x" }) { accessToken } }'),
    ).toEqual({ email: expect.any(String) });
    expect(
      fieldsOf('mutation($v: [ID!]) { markNotificationsRead(ids: $v) }', { v: ['ok', 'n\u0000'] }),
    ).toEqual({ 'ids.1': expect.any(String) });
    expect(
      fieldsOf('query { ...F } fragment F on Query { cause(slug: "\\u0000") { id } }'),
    ).toEqual({ slug: expect.any(String) });
  });

  it('checks object keys of variables too', () => {
    expect(fieldsOf('query($v: JSON) { a(b: $v) }', { v: { 'k\u0000': 1 } })).toBeDefined();
  });
});
