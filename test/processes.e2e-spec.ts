import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '@causeway/database/migrations';

// The built processes, started the way they are deployed (npm run start:api / start:worker).
const root = join(__dirname, '..');
const dbName = `${process.env.CAUSEWAY_TEST_DB_PREFIX ?? 'causeway_test'}_${process.env.JEST_WORKER_ID ?? '1'}_procs`;
const dbUrl = (() => {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const admin = async (sql: string) => {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = '/postgres';
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
};

function start(
  script: 'api' | 'worker',
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, [join(root, `dist/apps/${script}/src/main.js`)], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'log',
      LOG_FILE: '',
      WORKER_HTTP_PORT: '0',
      DATABASE_URL: dbUrl,
      JWT_SECRET: 'p'.repeat(40),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    out += d.toString();
    if (process.env.LOG_FILE) appendFileSync(process.env.LOG_FILE, d); // scanned for secrets
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, output: () => out };
}

async function healthy(port: number, timeoutMs = 30_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if (
        (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) })).ok
      )
        return true;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** SIGTERM; Nest finishes its shutdown hooks, then re-raises the signal. Returns how it ended. */
async function stop(child: ChildProcess): Promise<string> {
  if (child.exitCode !== null) return `exited ${child.exitCode}`;
  child.kill('SIGTERM');
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  return signal === 'SIGTERM' || code === 0 ? 'stopped' : `exited ${code ?? signal}`;
}

describe('the built processes', () => {
  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${dbName}`);
  });
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));

  it('two APIs started together both come up, migrations applied once; a worker runs beside them; SIGTERM stops each cleanly', async () => {
    const base = 41000 + Number(process.env.JEST_WORKER_ID ?? 1) * 10;
    const apis = [start('api', { PORT: String(base) }), start('api', { PORT: String(base + 1) })];
    const worker = start('worker', {});
    try {
      const up = await Promise.all([healthy(base), healthy(base + 1)]);
      expect(up).toEqual([true, true]);
      const rows = await admin(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM pg_database WHERE datname = '${dbName}') d`,
      );
      expect(rows.rows[0].n).toBe(1);
      const c = new Client({ connectionString: dbUrl });
      await c.connect();
      const applied = await c.query('SELECT name FROM migrations');
      await c.end();
      expect(applied.rows.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      const r = await fetch(`http://127.0.0.1:${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await r.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      const ends = await Promise.all([...apis, worker].map((p) => stop(p.child)));
      expect(ends).toEqual(['stopped', 'stopped', 'stopped']);
      expect(worker.output()).toMatch(/stopping \d+ queue worker\(s\) on SIGTERM/);
    }
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer number$/m],
    [
      { JWT_SECRET: '' },
      /^Invalid configuration: JWT_SECRET is required when NODE_ENV=production$/m,
    ],
    [{ DATABASE_URL: '' }, /^Invalid configuration: DATABASE_URL is required/m],
    [
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' },
      /^(API|Worker) cannot start: Database unreachable: nothing answers at postgres:\/\/postgres@127\.0\.0\.1:1\/nothing \(ECONNREFUSED\)\. Is PostgreSQL running\?/m,
    ],
    [
      { DATABASE_URL: 'missing' },
      /^(API|Worker) cannot start: Database missing: database "[a-z0-9_]+_missing" does not exist at postgres:.*Create it/m,
    ],
  ])(
    'refuses to start with %j: one line naming the variable, exit code 1',
    async (env, message) => {
      for (const app of ['api', 'worker'] as const) {
        const vars = { ...(env as Record<string, string>) };
        if (vars.DATABASE_URL === 'missing') vars.DATABASE_URL = `${dbUrl}_missing`;
        const p = start(app, vars);
        const [code] = (await once(p.child, 'exit')) as [number];
        expect(code).toBe(1);
        expect(p.output().trim()).toMatch(message);
        expect(p.output().trim().split('\n')).toHaveLength(1);
      }
    },
  );

  it('the CLI answers --help', () => {
    const r = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), '--help'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('npm run cli -- <command>');
  });
});
