import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { QueueName } from '@causeway/queue';
import {
  eventually,
  grantPlatformAdmin,
  signUpPerson,
  startTestStack,
  testLogFile,
  TestPerson,
  TestStack,
  wsSubscribe,
} from '@causeway/testing';
import { WorkerHttp } from '../apps/worker/src/ops/worker-http';
import { scanText } from '../libs/testing/src/log-scan.cjs';

/** One sample of a Prometheus text body (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (want.every((w) => (m[3] ?? '').split(',').includes(w))) return Number(m[4]);
  }
  return 0;
}

describe('operations: metrics, health, queue dashboard, request ids, logs', () => {
  let stack: TestStack;
  let owner: TestPerson;
  let member: TestPerson;
  let admin: TestPerson;
  const scrape = async (url = stack.url, headers: Record<string, string> = {}) => {
    const r = await fetch(`${url}/metrics`, { headers });
    expect(r.headers.get('content-type')).toContain('text/plain');
    return r.text();
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    [owner, member, admin] = await Promise.all([
      signUpPerson(stack, 'own'),
      signUpPerson(stack, 'mem'),
      signUpPerson(stack, 'adm'),
    ]);
    await grantPlatformAdmin(stack, admin.id);
  });
  afterAll(async () => {
    await stack?.worker?.close();
    stack.worker = undefined;
    await stack?.close();
  });

  it('GET /metrics: queue gauges move with waiting jobs, the lag histogram with a fan-out; operations, pool, subscriptions, process', async () => {
    // No worker yet: jobs wait.
    const system = stack.queue(QueueName.System);
    await Promise.all(
      [1, 2, 3].map((i) =>
        system.add('ping', { pingId: `metrics-${i}` }, { jobId: `ping-metrics-${i}` }),
      ),
    );
    await eventually(
      async () =>
        sample(await scrape(), 'causeway_queue_oldest_waiting_job_age_seconds', {
          queue: 'system',
        }) > 0,
      10_000,
      'oldest job ages',
    );
    const waiting = await scrape();
    expect(sample(waiting, 'causeway_queue_jobs', { queue: 'system', state: 'waiting' })).toBe(3);
    const lagBefore = sample(waiting, 'causeway_fanout_delivery_lag_seconds_count');

    // A worker starts; an organization with a follower posts; the fan-out delivers live.
    const org = await stack.gql(
      `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
      { i: { name: 'Metrics Org', slug: `metrics-${Date.now()}` } },
      owner.token,
    );
    const orgId = org.data.createOrganization.id as string;
    await stack.gql(
      `mutation FollowIt($id: ID!) { followOrganization(id: $id) { id } }`,
      { id: orgId },
      member.token,
    );
    const { createWorkerApp } = await import('../apps/worker/src/bootstrap');
    stack.worker = await createWorkerApp();
    await stack.drain(); // the follow's own work first (its backfill)
    const sub = wsSubscribe(stack.url, 'subscription { feedItemAdded { id } }', {}, member.token);
    await eventually(
      async () =>
        sample(await scrape(), 'causeway_graphql_subscriptions_active', {
          subscription: 'feedItemAdded',
        }) === 1,
      10_000,
      'subscription counted',
    );
    const posted = await stack.gql(
      `mutation PostIt($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`,
      { i: { organizationId: orgId, body: 'Counted.' } },
      owner.token,
    );
    const updateId = posted.data.postUpdate.id as string;
    await sub
      .next((e) => e.feedItemAdded.id === updateId, 20_000)
      .catch((err) => {
        throw new Error(`${(err as Error).message}; events: ${JSON.stringify(sub.events)}`);
      });
    await stack.drain();

    const after = await scrape();
    expect(sample(after, 'causeway_fanout_delivery_lag_seconds_count')).toBe(lagBefore + 1);
    expect(sample(after, 'causeway_queue_jobs', { queue: 'system', state: 'waiting' })).toBe(0);
    expect(sample(after, 'causeway_queue_oldest_waiting_job_age_seconds', { queue: 'feed' })).toBe(
      0,
    );
    expect(
      sample(after, 'causeway_graphql_operations_total', {
        operation: 'PostIt',
        type: 'mutation',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      sample(after, 'causeway_graphql_operation_duration_seconds_count', {
        operation: 'FollowIt',
        type: 'mutation',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(after).toMatch(/causeway_db_pool_connections\{app="api",state="idle"\} \d+/);
    expect(after).toMatch(/causeway_db_pool_connections\{app="worker",state="waiting"\} \d+/);
    expect(
      sample(after, 'causeway_jobs_processed_total', {
        queue: 'feed',
        name: 'fan-out-update',
        outcome: 'completed',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(after).toContain('causeway_process_resident_memory_bytes');
    expect(after).toContain('causeway_pledges_total');

    await sub.dispose();
    await eventually(
      async () =>
        sample(await scrape(), 'causeway_graphql_subscriptions_active', {
          subscription: 'feedItemAdded',
        }) === 0,
      10_000,
      'subscription closed',
    );

    // The worker's own listener: health, readiness, metrics.
    const port = stack.worker.get(WorkerHttp).port;
    const workerUrl = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${workerUrl}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${workerUrl}/health/ready`)).json()).toEqual({
      status: 'ok',
      checks: { database: 'up', queue: 'up', pubsub: 'up' },
    });
    expect(await scrape(workerUrl)).toContain('causeway_jobs_processed_total');
    expect((await fetch(`${workerUrl}/nothing`)).status).toBe(404);
  });

  it('/health/live is liveness, /health/ready names each dependency; unknown paths are plain JSON 404s', async () => {
    expect(await (await fetch(`${stack.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${stack.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { database: 'up', queue: 'up', pubsub: 'up' },
    });
    for (const path of ['/no-such-thing', '/api/v1/things', '/admin/nope', '/assets/missing.js']) {
      const r = await fetch(`${stack.url}${path}`);
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({ statusCode: 404, message: 'Not found' });
    }
  });

  it('/admin/queues: 401 without credentials, 403 for a non-admin, the board for an admin (bearer or the admin cookie), revocation at once', async () => {
    const get = (headers: Record<string, string> = {}) =>
      fetch(`${stack.url}/admin/queues`, { headers, redirect: 'manual' });
    expect((await get()).status).toBe(401);
    expect((await get({ authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await get({ authorization: `Bearer ${member.token}` })).status).toBe(403);
    expect((await get({ cookie: 'causeway_admin=forged.value' })).status).toBe(401);
    const board = await get({ authorization: `Bearer ${admin.token}` });
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<html');

    const session = (token?: string) =>
      fetch(`${stack.url}/admin/session`, {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await session()).status).toBe(401);
    expect((await session(member.token)).status).toBe(403);
    const opened = await session(admin.token);
    expect(opened.status).toBe(204);
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^causeway_admin=[^;]+; Max-Age=900; Path=\/admin; Expires=[^;]+; HttpOnly; SameSite=Strict$/,
    );
    const value = cookie.split(';')[0];
    expect((await get({ cookie: value })).status).toBe(200);
    const api = await fetch(`${stack.url}/admin/queues/api/queues`, { headers: { cookie: value } });
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain('"feed"');

    await stack.dataSource.query(`UPDATE users SET platform_role = 'MEMBER' WHERE id = $1`, [
      admin.id,
    ]);
    expect((await get({ cookie: value })).status).toBe(403);
    await grantPlatformAdmin(stack, admin.id);
  });

  it('a request id follows the request into the jobs it causes, and no line of the log holds a password or token', async () => {
    const logFrom = readFileSync(testLogFile()).length;
    const requestId = `ops-${Date.now()}`;
    const org = await stack.gql(
      `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
      { i: { name: 'Traced Org', slug: `traced-${Date.now()}` } },
      owner.token,
    );
    const res = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${owner.token}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        query: 'mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }',
        variables: { i: { organizationId: org.data.createOrganization.id, body: 'Traced.' } },
      }),
    });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const updateId = ((await res.json()) as { data: { postUpdate: { id: string } } }).data
      .postUpdate.id;
    await stack.drain();
    const [row] = await stack.dataSource.query(
      `SELECT request_id FROM outbox_events WHERE payload->>'updateId' = $1`,
      [updateId],
    );
    expect(row.request_id).toBe(requestId);
    const lines = () =>
      readFileSync(testLogFile())
        .subarray(logFrom)
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    await eventually(
      () => lines().some((l) => String(l.msg).includes(`fan-out of update ${updateId} delivered`)),
      10_000,
      'fan-out logged',
    );
    const delivered = lines().find((l) =>
      String(l.msg).includes(`fan-out of update ${updateId} delivered`),
    )!;
    expect(delivered).toMatchObject({
      requestId,
      queue: 'feed',
      jobId: expect.stringMatching(new RegExp(`^fan-out-${updateId}`)),
    });
    expect(
      lines().find((l) => l.msg === 'POST /graphql 200' && l.requestId === requestId),
    ).toMatchObject({ req: { method: 'POST', path: '/graphql' }, res: { statusCode: 200 } });

    // Credentials travel in every way they can; none of them reaches the log.
    const password = 'a password nobody should ever log 42';
    const email = `secret-${Date.now()}@example.org`;
    const signUp = await stack.gql(
      `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken refreshToken } }`,
      { i: { email, password, handle: `sec${Date.now().toString(36)}`, displayName: 'Secret' } },
    );
    const logIn = await stack.gql(
      `mutation($i: LogInInput!) { logIn(input: $i) { accessToken refreshToken } }`,
      { i: { email, password } },
    );
    await stack.gql(`mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }`, {
      i: { email, password: `${password} wrong` },
    });
    const refreshed = await stack.gql(
      `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`,
      { t: logIn.data.logIn.refreshToken },
    );
    await stack.gql(`mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, {
      t: logIn.data.logIn.refreshToken,
    }); // reuse: revokes
    await fetch(`${stack.url}/admin/queues?token=${signUp.data.signUp.accessToken}`, {
      headers: { authorization: `Bearer ${signUp.data.signUp.accessToken}` },
    });
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(
        `${stack.url.replace('http', 'ws')}/graphql`,
        'graphql-transport-ws',
      );
      ws.on('open', () =>
        ws.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: `Bearer ${signUp.data.signUp.accessToken}x` },
          }),
        ),
      );
      ws.on('close', () => resolve());
    });
    const written = readFileSync(testLogFile()).subarray(logFrom).toString();
    const secrets = [
      password,
      signUp.data.signUp.accessToken,
      signUp.data.signUp.refreshToken,
      logIn.data.logIn.accessToken,
      logIn.data.logIn.refreshToken,
      refreshed.data.refreshSession.accessToken,
      refreshed.data.refreshSession.refreshToken,
    ];
    for (const s of secrets) expect(written.includes(s)).toBe(false);
    expect(scanText(written)).toEqual([]);
  });
  // Last: a second stack resets the database.
  it('METRICS_TOKEN protects /metrics', async () => {
    process.env.METRICS_TOKEN = 'metrics-token-for-this-test-only';
    const guarded = await startTestStack({ worker: false });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      expect(
        (
          await fetch(`${guarded.url}/metrics`, {
            headers: { authorization: 'Bearer wrong-token-of-some-length' },
          })
        ).status,
      ).toBe(401);
      const ok = await fetch(`${guarded.url}/metrics`, {
        headers: { authorization: 'Bearer metrics-token-for-this-test-only' },
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('causeway_graphql_operations_total');
    } finally {
      delete process.env.METRICS_TOKEN;
      await guarded.close();
    }
  });
});
