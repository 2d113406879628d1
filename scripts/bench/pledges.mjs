// Benchmark: N concurrent pledges on one hot campaign through the built API, against raw
// baselines measured on the same machine in the same run:
//   raw single row: BEGIN; INSERT pledge row; UPDATE one counter row (total = total + $1); COMMIT
//   raw 8 shards:   the same with the counter spread over 8 rows (a random one per pledge)
//   raw + notify:   the single-row baseline plus an outbox row and pg_notify (what every pledge does)
// The ratios say whether the single counter row limits a hot campaign (shards/single) and what the
// API costs on top of the database work (api/single).
//
// Env: DATABASE_URL (a server to make a scratch database on; unset: an embedded PostgreSQL),
// REDIS_URL (optional), BENCH_API_NODE_ARGS (e.g. --cpu-prof for the API process), BENCH_PLEDGES (2000), BENCH_CONCURRENCY (20 SQL clients), BENCH_HTTP_CONCURRENCY (64).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildIfNeeded, root } from '../build-if-needed.mjs';
import { startEmbeddedPostgres } from '../embedded-postgres.mjs';

const N = Number(process.env.BENCH_PLEDGES ?? 2000);
const SQL_CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const HTTP_CONCURRENCY = Number(process.env.BENCH_HTTP_CONCURRENCY ?? 64);
const USERS = 20;
const SCRATCH = 'causeway_bench_pledges';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Runs `total` tasks with at most `width` in flight; returns the elapsed seconds. */
async function timed(total, width, task) {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < total) await task(next++);
  }));
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function scratchDatabase() {
  if (!process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'causeway-bench-'));
    const pgEmbedded = await startEmbeddedPostgres({ databaseDir: join(dir, 'pg'), port: await freePort(), database: SCRATCH, persistent: true });
    return { url: pgEmbedded.url, stop: async () => (await pgEmbedded.stop(), rmSync(dir, { recursive: true, force: true })) };
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${SCRATCH}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${SCRATCH}`;
  return {
    url: url.toString(),
    stop: async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function rawBaselines(url) {
  const pool = new pg.Pool({ connectionString: url, max: SQL_CONCURRENCY });
  await pool.query(`CREATE TABLE bench_counter (id int PRIMARY KEY, total bigint NOT NULL DEFAULT 0, n int NOT NULL DEFAULT 0);
    CREATE TABLE bench_pledges (id uuid PRIMARY KEY, shard int NOT NULL, amount bigint NOT NULL);
    CREATE TABLE bench_outbox (id uuid PRIMARY KEY, payload jsonb NOT NULL);
    INSERT INTO bench_counter (id) SELECT generate_series(0, 7);`);
  const run = (shards, notify) => async (k) => {
    const c = await pool.connect();
    try {
      const shard = shards === 1 ? 0 : Math.floor(Math.random() * shards);
      await c.query('BEGIN');
      await c.query('INSERT INTO bench_pledges (id, shard, amount) VALUES ($1, $2, $3)', [randomUUID(), shard, 100 + k]);
      if (notify) {
        await c.query('INSERT INTO bench_outbox (id, payload) VALUES ($1, $2)', [randomUUID(), { k }]);
        await c.query(`SELECT pg_notify('causeway_bench', '')`);
      }
      await c.query('UPDATE bench_counter SET total = total + $2, n = n + 1 WHERE id = $1', [shard, 100 + k]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  };
  const out = {};
  await timed(Math.ceil(N / 4), SQL_CONCURRENCY, run(1, true)); // warm-up: connections, caches
  for (const [name, shards, notify] of [['raw single row', 1, false], ['raw 8 shards', 8, false], ['raw single row + notify', 1, true]]) {
    await pool.query('TRUNCATE bench_pledges, bench_outbox; UPDATE bench_counter SET total = 0, n = 0');
    const s = await timed(N, SQL_CONCURRENCY, run(shards, notify));
    const [{ n }] = (await pool.query('SELECT sum(n)::int AS n FROM bench_counter')).rows;
    if (n !== N) throw new Error(`${name}: counted ${n} of ${N}`);
    out[name] = N / s;
  }
  await pool.query('DROP TABLE bench_counter, bench_pledges, bench_outbox');
  await pool.end();
  return out;
}

async function gql(base, query, variables, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body.data;
}

async function startApi(url) {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    NODE_ENV: 'production',
    JWT_SECRET: randomUUID() + randomUUID(),
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    API_RATE_LIMIT_PER_MINUTE: '10000000',
  };
  const child = spawn(process.execPath, [...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean), join(root, 'dist/apps/api/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return { base, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the API did not become healthy within 30 s');
}

async function apiRun(base) {
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const handle = `bench${i}_${Date.now().toString(36)}`;
    const d = await gql(base, `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }`, {
      i: { email: `${handle}@example.org`, password: 'correct horse battery', handle, displayName: handle },
    });
    users.push(d.signUp.accessToken);
  }
  const org = await gql(base, `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`, { i: { name: 'Bench', slug: `bench-${Date.now()}` } }, users[0]);
  const camp = await gql(base, `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, {
    i: { organizationId: org.createOrganization.id, title: 'Hot', goalKind: 'MONEY', goalAmount: String(N * 50), currency: 'USD' },
  }, users[0]);
  const id = camp.createCampaign.id;
  const PLEDGE = `mutation($i: PledgeInput!) { pledge(input: $i) { id } }`;
  // Warm up (JIT, pools), then measure.
  await timed(50, 10, (k) => gql(base, PLEDGE, { i: { campaignId: id, amount: '1', currency: 'USD', idempotencyKey: `warm-${k}` } }, users[k % USERS]));
  // The API's own floor: an authenticated query that touches no table, at the same concurrency.
  const floorS = await timed(N, HTTP_CONCURRENCY, (k) => gql(base, '{ apiVersion }', {}, users[k % USERS]));
  let sum = 50n;
  const s = await timed(N, HTTP_CONCURRENCY, async (k) => {
    const amount = 100 + (k % 5000);
    sum += BigInt(amount);
    await gql(base, PLEDGE, { i: { campaignId: id, amount: String(amount), currency: 'USD', idempotencyKey: `bench-${k}` } }, users[k % USERS]);
  });
  const c = await gql(base, `query($id: ID!) { campaign(id: $id) { pledgedTotal pledgeCount } }`, { id });
  if (c.campaign.pledgedTotal !== String(sum) || c.campaign.pledgeCount !== N + 50) throw new Error(`totals drifted: ${JSON.stringify(c.campaign)} vs ${sum}`);
  return { pledges: N / s, floor: N / floorS };
}

const db = await scratchDatabase();
let api;
try {
  buildIfNeeded();
  const raw = await rawBaselines(db.url);
  api = await startApi(db.url);
  const { pledges: viaApi, floor } = await apiRun(api.base);
  const single = raw['raw single row'];
  const fmt = (x) => `${Math.round(x).toLocaleString('en')} pledges/s`;
  console.log(`pledges on one hot campaign: ${N} pledges, ${SQL_CONCURRENCY} SQL clients, ${HTTP_CONCURRENCY} HTTP requests in flight over ${USERS} users`);
  for (const [name, rate] of Object.entries(raw)) console.log(`  ${name.padEnd(26)} ${fmt(rate).padStart(18)}   ratio ${(rate / single).toFixed(2)}`);
  console.log(`  ${'API pledge mutation'.padEnd(26)} ${fmt(viaApi).padStart(18)}   ratio ${(viaApi / single).toFixed(2)} of raw single row`);
  console.log(`  ${'API floor ({ apiVersion })'.padEnd(26)} ${fmt(floor).padStart(18)}   pledge / floor ${(viaApi / floor).toFixed(2)}`);
  console.log(`  shards / single row: ${(raw['raw 8 shards'] / single).toFixed(2)}; API / raw single row + notify: ${(viaApi / raw['raw single row + notify']).toFixed(2)}`);
} finally {
  await api?.stop();
  await db.stop();
}
