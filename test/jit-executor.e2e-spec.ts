import { gqlRequest, signUpPerson, startTestStack, TestPerson, TestStack } from '@causeway/testing';
import { GraphqlOptions } from '../apps/api/src/graphql/graphql-options';
import type { JitExecutor } from '../apps/api/src/graphql/jit-executor';

/**
 * graphql-jit runs a document from its second sighting on; the first runs on graphql-js. Each case
 * is sent three times and must get the same status and the same body (errors' codes, messages and
 * paths, partial data) from both engines: jit is a speed-up, never a change of answer.
 */
describe('the jit executor answers exactly as graphql-js', () => {
  let stack: TestStack;
  let executor: JitExecutor;
  let owner: TestPerson;
  let stranger: TestPerson;
  let slug: string;

  beforeAll(async () => {
    stack = await startTestStack();
    executor = stack.api.get(GraphqlOptions).executor;
    [owner, stranger] = [await signUpPerson(stack, 'jo'), await signUpPerson(stack, 'js')];
    slug = `jit-${Date.now().toString(36)}`;
    const org = await stack.gql(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      { i: { name: 'Jit Org', slug } },
      owner.token,
    );
    expect(org.errors).toBeNull();
    const follow = await stack.gql(
      'mutation($id: ID!) { followOrganization(id: $id) { id } }',
      { id: org.data.createOrganization.id },
      stranger.token,
    );
    expect(follow.errors).toBeNull();
    const post = await stack.gql(
      'mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }',
      { i: { body: 'Hello from the jit test', organizationId: org.data.createOrganization.id } },
      owner.token,
    );
    expect(post.errors).toBeNull();
    await stack.drain();
  });
  afterAll(() => stack?.close());

  /** Sends the request three times; returns the answers and which engine ran each. */
  async function thrice(query: string, variables: Record<string, unknown>, token?: string) {
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const before = { ...executor.counts };
      const r = await gqlRequest(stack.url, query, variables, token);
      const engine =
        executor.counts.jit > before.jit
          ? 'jit'
          : executor.counts.graphqlJs > before.graphqlJs
            ? 'graphql-js'
            : 'none';
      answers.push({ status: r.status, body: JSON.parse(r.text) as unknown, engine });
    }
    return answers;
  }

  const same = (answers: Awaited<ReturnType<typeof thrice>>) => {
    expect(answers[1]).toEqual({ ...answers[0], engine: answers[1].engine });
    expect(answers[2]).toEqual({ ...answers[0], engine: answers[2].engine });
  };

  it('anonymous feed: UNAUTHENTICATED at feed, no data, from both engines', async () => {
    const answers = await thrice('{ feed(first: 5) { edges { cursor } } }', {});
    expect(answers.map((a) => a.engine)).toEqual(['graphql-js', 'jit', 'jit']);
    same(answers);
    expect(answers[2].body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({ path: ['feed'], extensions: { code: 'UNAUTHENTICATED' } }),
      ],
    });
  });

  it('a DomainError in a nested field: its code and path, and the partial data around it', async () => {
    const answers = await thrice(
      'query($s: String!) { apiVersion organization(slug: $s) { name webhooks { id } } }',
      { s: slug },
      stranger.token,
    );
    expect(answers.map((a) => a.engine)).toEqual(['graphql-js', 'jit', 'jit']);
    same(answers);
    expect(answers[2].body).toEqual({
      data: { apiVersion: expect.any(String), organization: null },
      errors: [
        expect.objectContaining({
          path: ['organization', 'webhooks'],
          extensions: { code: 'FORBIDDEN' },
        }),
      ],
    });
  });

  it('a signed-in feed with every field the web app asks for, and a forged cursor', async () => {
    const feed = `query($after: String) { feed(first: 20, after: $after) { edges { cursor node {
      id body createdAt commentCount reactionCount viewerHasReacted author { id handle displayName }
      organization { id slug name } causes { slug name } } } pageInfo { hasNextPage endCursor } } }`;
    const ok = await thrice(feed, {}, stranger.token);
    expect(ok.map((a) => a.engine)).toEqual(['graphql-js', 'jit', 'jit']);
    same(ok);
    expect(JSON.stringify(ok[2].body)).toContain('Hello from the jit test');

    const forged = await thrice(feed, { after: 'forged.cursor' }, stranger.token);
    same(forged);
    expect(forged[2].body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          path: ['feed'],
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ],
    });
  });

  it('a mutation refused by its resolver: the same code and path', async () => {
    const answers = await thrice('mutation { deleteUpdate(id: "not-an-id") }', {}, owner.token);
    expect(answers.map((a) => a.engine)).toEqual(['graphql-js', 'jit', 'jit']);
    same(answers);
    expect(answers[2].body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({ path: ['deleteUpdate'], extensions: { code: 'NOT_FOUND' } }),
      ],
    });
  });

  it('variables that do not coerce: graphql-js says so (BAD_USER_INPUT), whatever the engine', async () => {
    const answers = await thrice(
      'query($n: Int) { feed(first: $n) { edges { cursor } } }',
      { n: 'twenty' },
      owner.token,
    );
    same(answers);
    expect(answers.every((a) => a.engine === 'graphql-js')).toBe(true);
    expect(answers[2].body).toEqual({
      errors: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })],
    });
  });

  it('aliases, fragments, @include and __typename', async () => {
    const answers = await thrice(
      `query($no: Boolean!) { a: apiVersion ...F b: apiVersion @include(if: $no) __typename }
       fragment F on Query { c: apiVersion }`,
      { no: false },
    );
    expect(answers.map((a) => a.engine)).toEqual(['graphql-js', 'jit', 'jit']);
    same(answers);
    expect(answers[2].body).toEqual({
      data: { a: expect.any(String), c: expect.any(String), __typename: 'Query' },
    });
  });

  it('introspection stays on graphql-js', async () => {
    const answers = await thrice('{ __schema { queryType { name } } }', {});
    same(answers);
    expect(answers.every((a) => a.engine === 'graphql-js')).toBe(true);
  });
});
