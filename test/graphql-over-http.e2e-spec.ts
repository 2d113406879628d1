import { auditServer } from 'graphql-http';
import { GqlError, startTestStack, TestStack } from '@causeway/testing';

/**
 * The GraphQL-over-HTTP spec's reference audit (graphql-http's auditServer) against the API:
 * every MUST passes, and at least 21 of the 23 SHOULDs.
 */
describe.each(['test', 'production'])(
  'GraphQL over HTTP (the spec audit), NODE_ENV=%s',
  (nodeEnv) => {
    let stack: TestStack;
    const before = process.env.NODE_ENV;
    beforeAll(async () => {
      process.env.NODE_ENV = nodeEnv;
      stack = await startTestStack({ worker: false });
    });
    afterAll(async () => {
      await stack?.close();
      process.env.NODE_ENV = before;
    });

    it('passes every MUST and at least 21 SHOULDs', async () => {
      const results = await auditServer({ url: `${stack.url}/graphql` });
      const failed = results.filter((r) => r.status !== 'ok');
      const describe = (r: (typeof results)[number]) =>
        `${r.name}${r.status === 'ok' ? '' : `: ${r.reason}`}`;
      const musts = failed.filter((r) => r.name.startsWith('MUST'));
      const shoulds = results.filter((r) => r.name.startsWith('SHOULD'));
      const shouldsOk = shoulds.filter((r) => r.status === 'ok');
      console.log(failed.map(describe).join('\n'));
      expect(musts.map(describe)).toEqual([]);
      expect(shouldsOk.length).toBeGreaterThanOrEqual(Math.min(21, shoulds.length));
    });
  },
);

describe('production hides the schema (finding 9); CORS only for CORS_ORIGINS', () => {
  let stack: TestStack;
  const before = process.env.NODE_ENV;
  beforeAll(async () => {
    process.env.NODE_ENV = 'production';
    process.env.CORS_ORIGINS = 'https://app.example.org';
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.close();
    process.env.NODE_ENV = before;
    delete process.env.CORS_ORIGINS;
  });

  it('answers a preflight from a listed origin, and gives no CORS headers to any other', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(
      (await preflight('https://evil.example.com')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const res = await fetch(`${stack.url}/health`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('gives no "Did you mean" suggestions over HTTP or graphql-ws', async () => {
    for (const q of [
      '{ causez { id } }',
      '{ causes { nodez { id } } }',
      'mutation { verifyOrganizatio(id: "x") { id } }',
    ]) {
      const r = await stack.gql(q);
      expect(r.codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(r.text).not.toMatch(/Did you mean/);
    }
    const ws = await import('graphql-ws');
    const WebSocket = (await import('ws')).default;
    const client = ws.createClient({
      url: `${stack.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const errors = await new Promise<GqlError[]>((resolve) => {
      client.subscribe(
        { query: 'subscription { campaignProgres(id: "x") { id } }' },
        {
          next: () => undefined,
          error: (e) => resolve(e as GqlError[]),
          complete: () => resolve([]),
        },
      );
    });
    await client.dispose();
    expect(errors[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(errors)).not.toMatch(/Did you mean/);
  });

  it('refuses __schema and any __type detail beyond its name and kind', async () => {
    expect((await stack.gql('{ __schema { queryType { name } } }')).codes).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect((await stack.gql('{ __type(name: "Mutation") { fields { name } } }')).codes).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect((await stack.gql('{ __type(name: "Mutation") { name kind } }')).data).toEqual({
      __type: { name: 'Mutation', kind: 'OBJECT' },
    });
  });
});
