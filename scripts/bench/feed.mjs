// Benchmark: the fan-out and the feed read, through the built API and worker, against raw
// baselines measured on the same machine in the same run:
//   fan-out: an update of an organization with F followers, from postUpdate's commit to the last
//     feed entry (the delivery lag the worker records), against the raw floor of the same work:
//     one statement inserting every entry (no jobs, no chunks, no ledger). The followers' deliveries
//     are mixed, 70% HOME, 20% DIGEST and 10% MUTED (by follower number), so both sides write
//     the home feed's entries and the digest's entries and skip the muted;
//   feed read: a page of 20 with author, organization and causes over HTTP, against the page's
//     own SQL statement run directly.
// Env: DATABASE_URL (a server to make a scratch database on; unset: an embedded PostgreSQL),
// REDIS_URL (optional; unset: queues on PostgreSQL), BENCH_FOLLOWERS (20000), BENCH_ROUNDS (3), BENCH_READS (500).
import pg from 'pg';
import { buildIfNeeded } from '../build-if-needed.mjs';
import { gql, scratchDatabase, startApi, startWorker, timed } from './lib/common.mjs';

const F = Number(process.env.BENCH_FOLLOWERS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const READS = Number(process.env.BENCH_READS ?? 500);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const db = await scratchDatabase('causeway_bench_feed');
let api;
let worker;
const pool = new pg.Pool({ connectionString: db.url, max: 8 });
try {
  buildIfNeeded();
  api = await startApi(db.url);
  worker = await startWorker(db.url);
  const handle = `bench_${Date.now().toString(36)}`;
  const { signUp } = await gql(api.base, `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } } }`, {
    i: { email: `${handle}@example.org`, password: 'correct horse battery', handle, displayName: 'Bench' },
  });
  const token = signUp.accessToken;
  const org = (await gql(api.base, `mutation { createOrganization(input: { name: "Bench Org", slug: "bench-org" }) { id } }`, {}, token)).createOrganization.id;
  await pool.query(`INSERT INTO users (email, handle, display_name, password_hash)
    SELECT 'b' || g || '@example.org', 'b' || g, 'Reader ' || g, 'not-a-hash' FROM generate_series(1, ${F}) g`);
  // Deliveries mixed by follower number: n % 10 in {0, 1} DIGEST, 2 MUTED, else HOME.
  const mode = (n) => (n % 10 < 2 ? 'DIGEST' : n % 10 === 2 ? 'MUTED' : 'HOME');
  const count = (m) => Array.from({ length: F }, (_, i) => mode(i + 1)).filter((x) => x === m).length;
  const [HOME, DIGEST] = [count('HOME'), count('DIGEST')];
  await pool.query(`INSERT INTO follows (source_kind, source_id, follower_id, delivery)
    SELECT 'ORGANIZATION', $1, id, (CASE WHEN substr(handle, 2)::int % 10 < 2 THEN 'DIGEST' WHEN substr(handle, 2)::int % 10 = 2 THEN 'MUTED' ELSE 'HOME' END)::follow_delivery
    FROM users WHERE handle ~ '^b[0-9]+$'`, [org]);

  const fanOut = [];
  const raw = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { postUpdate } = await gql(api.base, `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`, { i: { organizationId: org, body: `Round ${round}`, causeSlugs: ['water'] } }, token);
    let lag = null;
    while (lag === null) {
      const { rows } = await pool.query('SELECT delivery_lag_ms FROM updates WHERE id = $1 AND fanned_out_at IS NOT NULL', [postUpdate.id]);
      if (rows.length) lag = rows[0].delivery_lag_ms;
      else await new Promise((r) => setTimeout(r, 20));
    }
    const { rows: [{ n, d }] } = await pool.query(
      'SELECT (SELECT count(*)::int FROM feed_entries WHERE update_id = $1) AS n, (SELECT count(*)::int FROM digest_entries WHERE update_id = $1) AS d', [postUpdate.id]);
    if (n !== HOME + 1 || d !== DIGEST) throw new Error(`round ${round}: ${n} feed and ${d} digest entries, expected ${HOME + 1} and ${DIGEST}`);
    fanOut.push(lag);
    // The raw floor: the same entries for a twin update, in one statement.
    const twin = (await pool.query(`INSERT INTO updates (author_id, body) VALUES ($1, 'twin') RETURNING id, created_at`, [signUp.user.id])).rows[0];
    const t0 = process.hrtime.bigint();
    await pool.query(`WITH r AS (SELECT follower_id, delivery FROM follows WHERE source_kind = 'ORGANIZATION' AND source_id = $1),
        h AS (INSERT INTO feed_entries (user_id, created_at, update_id) SELECT follower_id, $2, $3 FROM r WHERE delivery = 'HOME' ON CONFLICT DO NOTHING),
        d AS (INSERT INTO digest_entries (user_id, created_at, update_id) SELECT follower_id, $2, $3 FROM r WHERE delivery = 'DIGEST' ON CONFLICT DO NOTHING)
      SELECT 1`, [org, twin.created_at, twin.id]);
    raw.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const fan = median(fanOut);
  const floor = median(raw);
  console.log(`fan-out to ${F.toLocaleString('en')} followers, ${HOME.toLocaleString('en')} HOME, ${DIGEST.toLocaleString('en')} DIGEST, the rest MUTED (median of ${ROUNDS}):`);
  console.log(`  raw single statement          ${floor.toFixed(0).padStart(7)} ms   ${Math.round((F / floor) * 1000).toLocaleString('en')} followers/s`);
  console.log(`  postUpdate commit -> last entry ${fan.toFixed(0).padStart(6)} ms   ${Math.round((F / fan) * 1000).toLocaleString('en')} followers/s   ratio ${(floor / fan).toFixed(2)} of raw`);

  // Feed read: one follower's page of 20.
  const reader = (await pool.query(`SELECT id FROM users WHERE handle = 'b1'`)).rows[0].id;
  for (let i = 0; i < 20; i++) {
    await pool.query(`INSERT INTO feed_entries (user_id, created_at, update_id) SELECT $1, created_at, id FROM updates ORDER BY id DESC LIMIT 20 ON CONFLICT DO NOTHING`, [reader]);
  }
  const login = await gql(api.base, `mutation { logIn(input: { email: "${handle}@example.org", password: "correct horse battery" }) { accessToken } }`);
  await pool.query(`INSERT INTO follows (source_kind, source_id, follower_id) VALUES ('ORGANIZATION', $1, $2) ON CONFLICT DO NOTHING`, [org, signUp.user.id]);
  const PAGE = `{ feed(first: 20) { edges { cursor node { id body createdAt author { id handle } organization { id name } causes { slug } commentCount reactionCount } } } }`;
  const readerToken = login.logIn.accessToken;
  await timed(50, 8, () => gql(api.base, PAGE, {}, readerToken));
  const viaApi = READS / (await timed(READS, 8, () => gql(api.base, PAGE, {}, readerToken)));
  const rawRead = READS / (await timed(READS, 8, () => pool.query(
    `SELECT u.* FROM feed_entries f JOIN updates u ON u.id = f.update_id WHERE f.user_id = $1 AND u.deleted_at IS NULL
     ORDER BY f.created_at DESC, f.update_id DESC LIMIT 21`, [signUp.user.id])));
  console.log(`feed page of 20 (${READS} reads, 8 in flight):`);
  console.log(`  raw page statement             ${Math.round(rawRead).toLocaleString('en').padStart(7)} pages/s`);
  console.log(`  API feed query with fields     ${Math.round(viaApi).toLocaleString('en').padStart(7)} pages/s   ratio ${(viaApi / rawRead).toFixed(2)} of raw`);
} finally {
  await pool.end();
  await worker?.stop();
  await api?.stop();
  await db.stop();
}
