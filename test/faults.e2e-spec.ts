import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  BuiltProcess,
  eventually,
  freePort,
  gqlRequest,
  startBuiltProcess,
  startTestStack,
  TestStack,
} from '@causeway/testing';

const root = join(__dirname, '..');

/** Starts test/support/embedded-pg.mjs: a PostgreSQL of this test's own, stopped and started at will. */
async function startOwnPostgres(
  dataDir: string,
  port: number,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'support', 'embedded-pg.mjs'), dataDir, String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await eventually(
    () => /ready /.test(out) || child.exitCode !== null,
    60_000,
    'embedded PostgreSQL ready',
  );
  const url = /ready (\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`embedded PostgreSQL did not start: ${out.slice(-500)}`);
  return { child, url };
}

async function stopOwnPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

const health = async (url: string) => {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
};

describe('faults: PostgreSQL restarted under load', () => {
  let dir: string;
  let pgPort: number;
  let pg: { child: ChildProcess; url: string };
  let api: BuiltProcess;
  let url: string;

  beforeAll(async () => {
    mkdirSync(join(root, '.data'), { recursive: true });
    dir = mkdtempSync(join(root, '.data', 'fault-pg-'));
    chmodSync(dir, 0o755);
    pgPort = await freePort();
    pg = await startOwnPostgres(join(dir, 'data'), pgPort);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = startBuiltProcess('api', { DATABASE_URL: pg.url, PORT: String(port), LOG_LEVEL: 'warn' });
    await eventually(async () => (await health(url)) === 200, 60_000, 'the API healthy');
  }, 120_000);

  afterAll(async () => {
    await api?.kill();
    if (pg) await stopOwnPostgres(pg.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 on /health while the database is down, never hangs a request, and recovers by itself', async () => {
    const outcomes: string[] = [];
    let running = true;
    // Eight clients reading in a loop; each request has 15 s to answer (the pool waits 5 s for a connection).
    const clients = Array.from({ length: 8 }, async () => {
      while (running) {
        try {
          const r = await gqlRequest(
            url,
            '{ causes(first: 5) { nodes { slug } } }',
            {},
            undefined,
            {},
          );
          outcomes.push(r.errors ? r.codes.join(',') || `HTTP_${r.status}` : 'ok');
        } catch (e) {
          outcomes.push((e as Error).name === 'TimeoutError' ? 'hung' : 'refused');
        }
      }
    });
    await eventually(
      () => outcomes.filter((o) => o === 'ok').length >= 20,
      20_000,
      'reads flowing',
    );

    await stopOwnPostgres(pg.child);
    await eventually(async () => (await health(url)) === 503, 20_000, '/health says 503');
    const duringOutage = outcomes.length;
    await eventually(
      () => outcomes.length > duringOutage + 8,
      30_000,
      'requests answered during the outage',
    );

    pg = await startOwnPostgres(join(dir, 'data'), pgPort);
    await eventually(async () => (await health(url)) === 200, 60_000, '/health back to 200');
    const afterRecovery = outcomes.length;
    await eventually(
      () => outcomes.slice(afterRecovery).filter((o) => o === 'ok').length >= 20,
      30_000,
      'reads flowing again',
    );
    running = false;
    await Promise.all(clients);

    const kinds = new Set(outcomes);
    expect(kinds.has('hung')).toBe(false);
    // While the database was away: the contract's SERVICE_UNAVAILABLE (with retryAfterSeconds), never INTERNAL_SERVER_ERROR.
    expect([...kinds].filter((k) => k !== 'ok' && k !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(kinds.has('SERVICE_UNAVAILABLE')).toBe(true);
    expect(api.child.exitCode).toBeNull();
  }, 240_000);
});

describe('faults: the worker down', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack?.close());

  it('keeps answering reads and accepting writes with no worker running; the work waits in the outbox', async () => {
    const r = await stack.gql('mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }', {
      i: {
        email: 'noworker@example.org',
        password: 'correct horse battery',
        handle: 'noworker',
        displayName: 'No Worker',
      },
    });
    const token = r.data.signUp.accessToken;
    expect(
      (
        await stack.gql(
          'mutation { followCause(id: "00000000-0000-0000-0000-000000000000") { id } }',
          {},
          token,
        )
      ).codes,
    ).toEqual(['NOT_FOUND']);
    const water = (await stack.gql('{ cause(slug: "water") { id } }')).data.cause.id;
    expect(
      (
        await stack.gql(
          'mutation($id: ID!) { followCause(id: $id) { followerCount } }',
          { id: water },
          token,
        )
      ).data.followCause.followerCount,
    ).toBe(1);
    const posted = await stack.gql(
      'mutation { postUpdate(input: { body: "Posted while no worker runs" }) { id } }',
      {},
      token,
    );
    expect(posted.errors).toBeNull();
    for (let i = 0; i < 20; i++)
      expect(
        (await stack.gql('{ causes(first: 3) { nodes { slug followerCount } } }')).errors,
      ).toBeNull();
    const [{ open }] = await stack.dataSource.query(
      'SELECT count(*)::int AS open FROM outbox_events WHERE completed_at IS NULL',
    );
    expect(open).toBeGreaterThanOrEqual(2);
  });
});
