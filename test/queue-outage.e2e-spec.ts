import { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { ErrorCode, DomainError } from '@causeway/common';
import {
  eventually,
  freePort,
  signUpPerson,
  startRedisServer,
  startTestStack,
  TestStack,
  testLogFile,
  wsSubscribe,
} from '@causeway/testing';
import { SystemProducer } from '../apps/api/src/system/system.producer';
import { pingRoundTrip } from './round-trip';

// Its own redis-server on a free port, so stopping it disturbs no other test or shared service.
const startRedis = startRedisServer;

const ready = async (url: string) => {
  const r = await fetch(`${url}/health/ready`);
  return { status: r.status, body: (await r.json()) as { checks: Record<string, string> } };
};
const live = async (url: string) => (await fetch(`${url}/health/live`)).status;
const CAUSES = '{ causes(first: 3) { edges { node { id slug } } } }';
const logSince = (from: number) => readFileSync(testLogFile()).subarray(from).toString();

describe('Redis stopped and restarted (REDIS_URL set)', () => {
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
    if (redis.exitCode !== null || redis.signalCode !== null) redis = await startRedis(port); // close with Redis up
    await stack?.close();
    redis?.kill('SIGKILL');
  });

  it('keeps serving reads and outbox writes, answers SERVICE_UNAVAILABLE where Redis is needed now, logs the outage once, and recovers by itself', async () => {
    const person = await signUpPerson(stack);
    expect(await ready(stack.url)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'up', queue: 'up', pubsub: 'up' } },
    });
    const logFrom = readFileSync(testLogFile()).length;

    redis.kill('SIGKILL');
    await once(redis, 'exit');

    // Readiness names what is down; liveness stays 200.
    await eventually(async () => (await ready(stack.url)).status === 503, 10_000, 'ready 503');
    expect((await ready(stack.url)).body.checks).toEqual({
      database: 'up',
      queue: 'down',
      pubsub: 'down',
    });
    expect(await live(stack.url)).toBe(200);

    // Reads work (the rate limit counts in memory meanwhile), many times over.
    for (let i = 0; i < 20; i++) {
      const read = await stack.gql(CAUSES);
      expect(read.errors).toBeNull();
      expect(read.data.causes.edges.length).toBe(3);
    }
    // A write whose follow-up work goes through the outbox (PostgreSQL) works too.
    const causeId = (await stack.gql(CAUSES)).data.causes.edges[0].node.id;
    const follow = await stack.gql(
      `mutation($id: ID!) { followCause(id: $id) { id viewerIsFollowing } }`,
      { id: causeId },
      person.token,
    );
    expect(follow.errors).toBeNull();

    // Enqueuing now (the producer) fails fast and clearly.
    const started = Date.now();
    const err = await stack.api
      .get(SystemProducer)
      .ping('while-down')
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(ErrorCode.ServiceUnavailable);
    expect((err as DomainError).details.retryAfterSeconds).toBeGreaterThan(0);

    // A subscription that needs Redis pub/sub is refused with the same code.
    const sub = wsSubscribe(stack.url, 'subscription { feedItemAdded { id } }', {}, person.token);
    await eventually(() => sub.errors.length > 0, 10_000, 'subscription refused');
    expect(JSON.stringify(sub.errors)).toContain('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(sub.errors)).toContain('retryAfterSeconds');
    await sub.dispose();

    // The log says so once (again at most once a minute), not per request, and without stacks.
    const during = logSince(logFrom);
    expect(during.match(/Redis unreachable/g)?.length).toBe(1);
    expect(during).not.toMatch(/ECONNREFUSED[\s\S]*at TCPConnectWrap/);
    expect(during).not.toMatch(/MaxRetriesPerRequestError/);

    redis = await startRedis(port);
    await eventually(
      async () => (await ready(stack.url)).status === 200,
      20_000,
      'ready 200 again',
    );
    // The worker reconnected by itself: the round trip works again, and so does a subscription.
    await expect(pingRoundTrip(stack, 20_000)).resolves.toEqual({ pingId: expect.any(String) });
    expect(logSince(logFrom)).toMatch(/Redis reachable again/);
    // The follow made while Redis was down reached the worker (outbox relayed after recovery).
    await stack.drain(30_000);
  });
});
