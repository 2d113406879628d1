import { startTestStack, TestStack, usePostgresOnlyBackends } from '@causeway/testing';
import { pingRoundTrip } from './round-trip';

// Whatever this run uses, this file runs BullMQ and pub/sub on PostgreSQL (the embedded default).
usePostgresOnlyBackends();

describe('foundation on PostgreSQL only (BullMQ PostgreSQL backend, LISTEN/NOTIFY)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('is healthy without Redis', async () => {
    const res = await fetch(`${stack.url}/health/ready`);
    expect(await res.json()).toEqual({
      status: 'ok',
      checks: { database: 'up', queue: 'up', pubsub: 'up' },
    });
  });

  it('proves the API -> worker -> event bus -> API round trip', async () => {
    await expect(pingRoundTrip(stack)).resolves.toEqual({ pingId: expect.any(String) });
  });

  it('keeps BullMQ in its own schema', async () => {
    const rows: { n: number }[] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'bullmq' AND table_name = 'job'`,
    );
    expect(rows[0].n).toBe(1);
  });
});
