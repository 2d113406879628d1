import { startTestStack, TestStack, wsConnected } from '@causeway/testing';
import { pingRoundTrip } from './round-trip';

const backend = process.env.REDIS_URL ? 'Redis' : 'PostgreSQL';

describe(`foundation (queue and pub/sub on ${backend})`, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('answers GET /health (docs/api-guide.md), /health/live and /health/ready with 200 when the database, the queue and pub/sub are up', async () => {
    const res = await fetch(`${stack.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up', queue: 'up' });
    expect(await (await fetch(`${stack.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${stack.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { database: 'up', queue: 'up', pubsub: 'up' },
    });
  });

  it('serves GraphQL', async () => {
    const r = await stack.gql('{ __typename apiVersion }');
    expect(r.data).toEqual({ __typename: 'Query', apiVersion: expect.any(String) });
  });

  it('proves the API -> worker -> event bus -> API round trip', async () => {
    await expect(pingRoundTrip(stack)).resolves.toEqual({ pingId: expect.any(String) });
  });

  it('accepts graphql-ws connections on /graphql', async () => {
    const client = await wsConnected(stack.url);
    await client.dispose();
  });

  describe('errors (docs/api-guide.md)', () => {
    it('gives graphql-js validation errors their code, with no stack trace', async () => {
      const r = await stack.gql('{ nope }');
      expect(r.codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(r.text).not.toMatch(/stacktrace|\.ts:\d+|\.js:\d+/);
    });

    it('refuses a query nested too deep', async () => {
      const deep = `{ cause(slug: "water") { ${'children { '.repeat(10)}id${' }'.repeat(10)} } }`;
      const r = await stack.gql(deep);
      expect(r.codes).toEqual(['QUERY_TOO_COMPLEX']);
    });

    it('serves the standard introspection query (GraphiQL, codegen, gql.tada): introspection does not count towards depth', async () => {
      const { getIntrospectionQuery } = await import('graphql');
      const r = await stack.gql(
        getIntrospectionQuery({
          descriptions: true,
          inputValueDeprecation: true,
          specifiedByUrl: true,
        }),
      );
      expect(r.errors).toBeNull();
      expect(r.data.__schema.queryType.name).toBe('Query');
    });

    it('refuses too many aliases and too many tokens', async () => {
      const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: apiVersion`).join(' ')} }`;
      expect((await stack.gql(aliases)).codes).toEqual(['QUERY_TOO_COMPLEX']);
      const tokens = `{ ${'__typename '.repeat(2100)} }`;
      expect((await stack.gql(tokens)).codes).toEqual(['QUERY_TOO_COMPLEX']);
    });

    it('rejects batched requests', async () => {
      const res = await fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ query: '{ apiVersion }' }, { query: '{ apiVersion }' }]),
      });
      expect(res.status).toBe(400);
    });

    it('rejects a body over 1 MiB and stays up', async () => {
      const res = await fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ apiVersion } # ${'x'.repeat(1024 * 1024)}` }),
      });
      expect(res.status).toBe(413);
      expect((await stack.gql('{ apiVersion }')).data).toBeTruthy();
    });
  });
});
