import { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { eventually, freePort, startRedisServer, startTestStack, TestStack } from '@causeway/testing';
import { SystemProducer } from '../apps/api/src/system/system.producer';
import { pingRoundTrip } from './round-trip';

// Its own redis-server on a free port, so stopping it disturbs no other test or shared service.
const startRedis = startRedisServer;

const health = async (url: string) => (await fetch(`${url}/health`)).status;

describe('queue outage (Redis stopped and restarted)', () => {
  let port: number;
  let redis: ChildProcess;
  let stack: TestStack;
  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    process.env.REDIS_URL = `redis://127.0.0.1:${port}/0`;
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
    redis?.kill('SIGKILL');
  });

  it('answers 503 and fails producers fast while Redis is down, and recovers when it is back', async () => {
    expect(await health(stack.url)).toBe(200);
    redis.kill('SIGKILL');
    await once(redis, 'exit');

    await eventually(async () => (await health(stack.url)) === 503, 10_000, 'health 503');
    const started = Date.now();
    await expect(stack.api.get(SystemProducer).ping('while-down')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);

    redis = await startRedis(port);
    await eventually(async () => (await health(stack.url)) === 200, 20_000, 'health 200 again');
    // The worker reconnected by itself: the round trip works again.
    await expect(pingRoundTrip(stack, 20_000)).resolves.toEqual({ pingId: expect.any(String) });
  });
});
