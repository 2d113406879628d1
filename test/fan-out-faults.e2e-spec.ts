import { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  BuiltProcess,
  eventually,
  freePort,
  signUpPerson,
  startBuiltProcess,
  startRedisServer,
  startTestStack,
  TestPerson,
  TestStack,
} from '@causeway/testing';

// Fault tests start their own worker processes and their own redis-server, so killing them
// disturbs no other test and no shared service. The API runs in this process.
const FOLLOWERS = 20_000;

describe('the fan-out under faults: 20,000 followers, exactly once', () => {
  let port: number;
  let redis: ChildProcess;
  let stack: TestStack;
  let owner: TestPerson;
  let orgId: string;
  let worker: BuiltProcess | undefined;
  const workerEnv = () => ({
    DATABASE_URL: process.env.DATABASE_URL!,
    REDIS_URL: `redis://127.0.0.1:${port}/0`,
    OUTBOX_SWEEP_AFTER_SECONDS: '2',
    FANOUT_CHUNK_SIZE: '250',
  });

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisServer(port);
    process.env.REDIS_URL = `redis://127.0.0.1:${port}/0`;
    stack = await startTestStack({ worker: false });
    owner = await signUpPerson(stack, 'own');
    orgId = (
      await stack.gql(
        `mutation { createOrganization(input: { name: "Big Org", slug: "big-org-faults" }) { id } }`,
        {},
        owner.token,
      )
    ).data.createOrganization.id;
    await stack.dataSource.query(
      `INSERT INTO users (email, handle, display_name, password_hash)
       SELECT 'fault' || g || '@example.org', 'fault' || g, 'Follower ' || g, 'not-a-hash' FROM generate_series(1, ${FOLLOWERS}) g`,
    );
    await stack.dataSource.query(
      `INSERT INTO follows (source_kind, source_id, follower_id) SELECT 'ORGANIZATION', $1, id FROM users WHERE handle LIKE 'fault%'`,
      [orgId],
    );
  }, 120_000);

  afterAll(async () => {
    await worker?.kill();
    await stack?.close();
    redis?.kill('SIGKILL');
  });

  const post = async (body: string) =>
    (
      await stack.gql(
        `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`,
        { i: { organizationId: orgId, body } },
        owner.token,
      )
    ).data.postUpdate.id as string;
  const progress = async (updateId: string) =>
    (
      await stack.dataSource.query(
        `SELECT count(*) FILTER (WHERE done_at IS NOT NULL)::int AS done, count(*)::int AS total FROM fanout_chunks WHERE update_id = $1`,
        [updateId],
      )
    )[0] as { done: number; total: number };
  const midway = (updateId: string) =>
    eventually(
      async () => {
        const p = await progress(updateId);
        return p.done >= 2 ? p : null;
      },
      60_000,
      'fan-out under way',
    );
  const entries = async (updateId: string) =>
    (
      await stack.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS receivers FROM feed_entries WHERE update_id = $1`,
        [updateId],
      )
    )[0] as { n: number; receivers: number };
  const finished = (updateId: string) =>
    eventually(
      async () =>
        (
          await stack.dataSource.query(
            'SELECT 1 FROM updates WHERE id = $1 AND fanned_out_at IS NOT NULL',
            [updateId],
          )
        ).length === 1,
      150_000,
      'fan-out finished',
    );

  it('survives the worker being killed with SIGKILL mid-way and started again', async () => {
    worker = startBuiltProcess('worker', workerEnv());
    const updateId = await post(
      'Delivered to twenty thousand people, whatever happens to the worker.',
    );
    const atKill = await midway(updateId);
    await worker.kill();
    const after = await progress(updateId);
    expect(after.done).toBeLessThan(after.total);
    expect((await entries(updateId)).n).toBeLessThan(FOLLOWERS + 1);
    expect(atKill.total).toBe(FOLLOWERS / 250);

    worker = startBuiltProcess('worker', workerEnv());
    await finished(updateId);
    expect(await entries(updateId)).toEqual({ n: FOLLOWERS + 1, receivers: FOLLOWERS + 1 });
    const [{ lag }] = await stack.dataSource.query(
      'SELECT delivery_lag_ms AS lag FROM updates WHERE id = $1',
      [updateId],
    );
    expect(lag).toBeGreaterThan(0);
  }, 240_000);

  it('survives Redis being restarted (and emptied) mid-way', async () => {
    worker ??= startBuiltProcess('worker', workerEnv());
    const updateId = await post('Delivered to twenty thousand people, whatever happens to Redis.');
    await midway(updateId);
    redis.kill('SIGKILL');
    await once(redis, 'exit');
    const after = await progress(updateId);
    expect(after.done).toBeLessThan(after.total);
    redis = await startRedisServer(port);

    await finished(updateId);
    expect(await entries(updateId)).toEqual({ n: FOLLOWERS + 1, receivers: FOLLOWERS + 1 });
    const [{ open }] = await stack.dataSource.query(
      'SELECT count(*)::int AS open FROM outbox_events WHERE completed_at IS NULL',
    );
    expect(open).toBe(0);
  }, 240_000);
});
