import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, chmodSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  BuiltProcess,
  eventually,
  freePort,
  signUpPerson,
  startBuiltProcess,
  startTestStack,
  TestPerson,
  TestStack,
} from '@causeway/testing';

const root = join(__dirname, '..');

/** Waits for a child to exit; returns its exit code (or signal) and how long it took after `since`. */
async function exited(
  p: BuiltProcess,
  since: number,
): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const [code, signal] =
    p.child.exitCode !== null || p.child.signalCode !== null
      ? [p.child.exitCode, p.child.signalCode]
      : ((await once(p.child, 'exit')) as [number | null, string | null]);
  return { code, signal, ms: Date.now() - since };
}

describe('SIGTERM drains', () => {
  let stack: TestStack;
  let owner: TestPerson;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    owner = await signUpPerson(stack, 'own');
  });
  afterAll(() => stack?.close());

  it('the API stops accepting, finishes the request in flight, closes subscriptions with 1001 and exits 0 within 30 s', async () => {
    const port = await freePort();
    const api = startBuiltProcess('api', { PORT: String(port), MIGRATIONS_RUN: 'false' });
    try {
      await eventually(
        async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true,
        30_000,
        'API up',
      );
      // A subscription, open.
      let closeCode: number | undefined;
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${owner.token}` },
        retryAttempts: 0,
        on: { closed: (e) => (closeCode = (e as { code: number }).code) },
      });
      const completed = new Promise<void>((resolve) =>
        client.subscribe(
          { query: 'subscription { feedItemAdded { id } }' },
          { next: () => undefined, error: () => resolve(), complete: () => resolve() },
        ),
      );
      await eventually(
        async () =>
          (await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text())).includes(
            'causeway_graphql_subscriptions_active{subscription="feedItemAdded"} 1',
          ),
        10_000,
        'subscribed',
      );

      // A request in flight: headers and half the body sent before SIGTERM, the rest after.
      const body = JSON.stringify({ query: '{ apiVersion }' });
      const socket = net.connect(port, '127.0.0.1');
      await once(socket, 'connect');
      let response = '';
      socket.on('data', (d: Buffer) => (response += d.toString()));
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`,
      );
      await new Promise((r) => setTimeout(r, 200)); // let the server start reading it (not a synchronisation point: the assertions below do not depend on it)

      const since = Date.now();
      api.child.kill('SIGTERM');
      // New connections are refused once the listener closes.
      await eventually(
        async () =>
          await fetch(`http://127.0.0.1:${port}/health`).then(
            () => false,
            () => true,
          ),
        10_000,
        'refusing new connections',
      );
      socket.write(body.slice(5));
      await once(socket, 'end');
      expect(response).toMatch(/^HTTP\/1\.1 200/);
      expect(response).toContain('"apiVersion"');

      await completed;
      expect(closeCode).toBe(1001);
      const end = await exited(api, since);
      expect(end.code === 0 || end.signal === 'SIGTERM').toBe(true);
      expect(end.ms).toBeLessThan(30_000);
      await client.dispose();
    } finally {
      await api.kill();
    }
  });

  it('a worker stopped by SIGTERM during a fan-out finishes or hands back its jobs; after a restart every follower has the update exactly once', async () => {
    const FOLLOWERS = 10_000;
    const orgId = (
      await stack.gql(
        `mutation { createOrganization(input: { name: "Drain Org", slug: "drain-org" }) { id } }`,
        {},
        owner.token,
      )
    ).data.createOrganization.id;
    await stack.dataSource.query(
      `INSERT INTO users (email, handle, display_name, password_hash)
       SELECT 'drain' || g || '@example.org', 'drain' || g, 'Follower ' || g, 'not-a-hash' FROM generate_series(1, ${FOLLOWERS}) g`,
    );
    await stack.dataSource.query(
      `INSERT INTO follows (source_kind, source_id, follower_id) SELECT 'ORGANIZATION', $1, id FROM users WHERE handle LIKE 'drain%'`,
      [orgId],
    );
    const env = { FANOUT_CHUNK_SIZE: '100', OUTBOX_SWEEP_AFTER_SECONDS: '2' };
    let worker = startBuiltProcess('worker', env);
    try {
      const updateId = (
        await stack.gql(
          `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`,
          { i: { organizationId: orgId, body: 'Drained, not lost.' } },
          owner.token,
        )
      ).data.postUpdate.id;
      const progress = async () =>
        (
          await stack.dataSource.query(
            `SELECT count(*) FILTER (WHERE done_at IS NOT NULL)::int AS done, count(*)::int AS total FROM fanout_chunks WHERE update_id = $1`,
            [updateId],
          )
        )[0] as { done: number; total: number };
      await eventually(async () => (await progress()).done >= 1, 60_000, 'fan-out under way');

      const since = Date.now();
      worker.child.kill('SIGTERM');
      const end = await exited(worker, since);
      expect(end.code === 0 || end.signal === 'SIGTERM').toBe(true);
      expect(end.ms).toBeLessThan(30_000);
      expect(worker.output()).toMatch(/stopping \d+ queue worker\(s\) on SIGTERM/);
      const atStop = await progress();
      expect(atStop.total).toBe(FOLLOWERS / 100);
      expect(atStop.done).toBeLessThan(atStop.total); // interrupted
      // Nothing was delivered by a chunk that did not record itself done.
      const [{ n: before }] = await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM feed_entries WHERE update_id = $1`,
        [updateId],
      );
      expect(before).toBeLessThan(FOLLOWERS + 1);

      worker = startBuiltProcess('worker', env);
      await eventually(
        async () =>
          (
            await stack.dataSource.query(
              'SELECT 1 FROM updates WHERE id = $1 AND fanned_out_at IS NOT NULL',
              [updateId],
            )
          ).length === 1,
        120_000,
        'fan-out finished',
      );
      const [counts] = await stack.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS receivers FROM feed_entries WHERE update_id = $1`,
        [updateId],
      );
      expect(counts).toEqual({ n: FOLLOWERS + 1, receivers: FOLLOWERS + 1 });
      expect(await progress()).toEqual({ done: FOLLOWERS / 100, total: FOLLOWERS / 100 });
    } finally {
      await worker.kill();
    }
  }, 180_000);
});

/** Every process whose parent chain leads to `pid` (from /proc). */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent)
      if (pp === p) {
        out.push(child);
        walk(child);
      }
  };
  walk(pid);
  return out;
}
const alive = (pid: number) =>
  existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

describe('npm start', () => {
  it('SIGTERM to the npm process stops everything it started: dev.mjs, the API, the worker and the embedded PostgreSQL; the CLI finds its database meanwhile', async () => {
    const dataDir = mkdtempSync(join(root, '.data', 'npm-start-'));
    chmodSync(dataDir, 0o755);
    const [port, pgPort, workerPort] = [await freePort(), await freePort(), await freePort()];
    const env: Record<string, string> = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? '/root',
      CAUSEWAY_DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      WORKER_HTTP_PORT: String(workerPort),
      LOG_LEVEL: 'warn',
    };
    let out = '';
    const npm = spawn('npm', ['start'], {
      cwd: root,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    npm.stdout.on('data', (d) => (out += d));
    npm.stderr.on('data', (d) => (out += d));
    let tree: number[] = [];
    try {
      await eventually(
        () => /Causeway is up/.test(out),
        90_000,
        `npm start up (output: ${out.slice(-500)})`,
      );
      await eventually(
        async () =>
          (await fetch(`http://127.0.0.1:${workerPort}/health`).catch(() => null))?.ok === true,
        30_000,
        'worker up',
      );
      expect(out).toContain(
        `embedded PostgreSQL: postgres://postgres:postgres@127.0.0.1:${pgPort}/causeway`,
      );
      expect(out).toContain(`GraphQL at http://127.0.0.1:${port}/graphql`);

      // npm run cli without DATABASE_URL uses the running database.
      const cli = spawnSync(
        process.execPath,
        [join(root, 'dist/apps/cli/src/main.js'), 'grant-admin', 'nobody@example.org'],
        { cwd: root, env, encoding: 'utf8' },
      );
      expect(cli.stderr.trim()).toBe('no user with the email nobody@example.org');

      tree = descendants(npm.pid!);
      const commands = tree.map((p) =>
        readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' '),
      );
      expect(commands.some((c) => c.includes('scripts/dev.mjs'))).toBe(true);
      expect(commands.some((c) => c.includes('dist/apps/api/src/main.js'))).toBe(true);
      expect(commands.some((c) => c.includes('dist/apps/worker/src/main.js'))).toBe(true);
      expect(commands.some((c) => /bin\/postgres -D/.test(c))).toBe(true);

      npm.kill('SIGTERM'); // the npm process only, as a process manager or a closing terminal does
      await eventually(() => tree.every((p) => !alive(p)), 40_000, 'every process gone');
      expect(existsSync(join(dataDir, 'database-url'))).toBe(false);
    } finally {
      for (const p of [npm.pid!, ...tree]) {
        try {
          if (alive(p)) process.kill(p, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
