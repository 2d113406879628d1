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
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { buildIfNeeded } from '../build-if-needed.mjs';
import { gql, scratchDatabase, startApi, timed } from './lib/common.mjs';

const N = Number(process.env.BENCH_PLEDGES ?? 2000);
const SQL_CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const HTTP_CONCURRENCY = Number(process.env.BENCH_HTTP_CONCURRENCY ?? 64);
const USERS = 20;
const SCRATCH = 'causeway_bench_pledges';

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

const db = await scratchDatabase(SCRATCH);
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
