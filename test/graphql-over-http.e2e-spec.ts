import { auditServer } from 'graphql-http';
import { startTestStack, TestStack } from '@causeway/testing';

/**
 * The GraphQL-over-HTTP spec's reference audit (graphql-http's auditServer) against the API:
 * every MUST passes, and at least 21 of the 23 SHOULDs.
 */
describe.each(['test', 'production'])('GraphQL over HTTP (the spec audit), NODE_ENV=%s', (nodeEnv) => {
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
    const describe = (r: (typeof results)[number]) => `${r.name}${r.status === 'ok' ? '' : `: ${r.reason}`}`;
    const musts = failed.filter((r) => r.name.startsWith('MUST'));
    const shoulds = results.filter((r) => r.name.startsWith('SHOULD'));
    const shouldsOk = shoulds.filter((r) => r.status === 'ok');
    console.log(failed.map(describe).join('\n'));
    expect(musts.map(describe)).toEqual([]);
    expect(shouldsOk.length).toBeGreaterThanOrEqual(Math.min(21, shoulds.length));
  });
});
