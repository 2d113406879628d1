// Measurement (not a test): webhook delivery latency from the pledge to the receiver, and what a
// dead receiver costs the worker. Through the built API and worker on a scratch database, with
// receivers on loopback in this process.
//   phase 1: 200 pledges, a healthy receiver: latency from sending the
//     pledge mutation to the receiver reading the request (median, p99);
//   phase 2: the same, with a second webhook of the organization pointing at a receiver that
//     accepts connections and never answers: the healthy receiver's latency again, the dead one's
//     peak open connections, and the worker's CPU time and memory in each phase.
// Env: DATABASE_URL, REDIS_URL as for the other benchmarks; BENCH_WEBHOOK_PLEDGES (200),
// BENCH_WEBHOOK_IN_FLIGHT (pledges sent at once, 1), WEBHOOKS_TIMEOUT_SECONDS (default 10 here too).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { buildIfNeeded } from '../build-if-needed.mjs';
import pg from 'pg';
import { gql, scratchDatabase, startApi, startWorker, timed } from './lib/common.mjs';

const N = Number(process.env.BENCH_WEBHOOK_PLEDGES ?? 200);
const WIDTH = Number(process.env.BENCH_WEBHOOK_IN_FLIGHT ?? 1);
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
process.env.WEBHOOKS_ALLOW_PRIVATE_TARGETS = 'true';

/** utime + stime of a process, in ms, and its resident memory in MiB (Linux /proc). */
function usage(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const rss = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  return { cpuMs: (Number(stat[11]) + Number(stat[12])) * 10, rssMiB: rss / 1048576 };
}

function receiver(answer) {
  const seen = new Map();
  let open = 0;
  let peak = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    open++;
    peak = Math.max(peak, open);
    requests++;
    res.on('close', () => open--);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (!answer) return; // dead: never answers
      const body = JSON.parse(Buffer.concat(chunks).toString());
      if (body.data?.pledgeId && !seen.has(body.data.pledgeId))
        seen.set(body.data.pledgeId, performance.now());
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}/hook`,
        seen,
        stats: () => ({ peak, requests, open }),
        stop: () => (server.closeAllConnections(), new Promise((r) => server.close(r))),
      }),
    ),
  );
}

const db = await scratchDatabase('causeway_bench_webhooks');
let api;
let worker;
const receivers = [];
try {
  buildIfNeeded();
  api = await startApi(db.url);
  worker = await startWorker(db.url);
  const healthy = await receiver(true);
  const dead = await receiver(false);
  receivers.push(healthy, dead);
  const handle = `bench_${Date.now().toString(36)}`;
  const { signUp } = await gql(
    api.base,
    `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }`,
    {
      i: {
        email: `${handle}@example.org`,
        password: 'correct horse battery',
        handle,
        displayName: 'Bench',
      },
    },
  );
  const token = signUp.accessToken;
  const org = (
    await gql(
      api.base,
      `mutation { createOrganization(input: { name: "Hook Bench", slug: "hook-bench" }) { id } }`,
      {},
      token,
    )
  ).createOrganization.id;
  const campaign = (
    await gql(
      api.base,
      `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      { i: { organizationId: org, title: 'Bench', goalKind: 'ACTION', goalAmount: '1000000000' } },
      token,
    )
  ).createCampaign.id;
  const CREATE = `mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } } }`;
  await gql(
    api.base,
    CREATE,
    { i: { organizationId: org, url: healthy.url, events: ['PLEDGE_RECEIVED'] } },
    token,
  );

  async function phase(name) {
    const sent = new Map();
    healthy.seen.clear();
    const before = usage(worker.pid);
    const t0 = performance.now();
    await timed(N, WIDTH, async (k) => {
      const t = performance.now();
      const { pledge } = await gql(
        api.base,
        `mutation($i: PledgeInput!) { pledge(input: $i) { id } }`,
        { i: { campaignId: campaign, amount: '1', idempotencyKey: `${name}-${k}` } },
        token,
      );
      sent.set(pledge.id, t);
    });
    while (healthy.seen.size < N) {
      if (performance.now() - t0 > 120_000)
        throw new Error(`${name}: only ${healthy.seen.size} of ${N} delivered in 2 minutes`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const after = usage(worker.pid);
    const lat = [...sent].map(([id, t]) => healthy.seen.get(id) - t);
    // Where the time goes, from the database's clock: pledge commit -> delivery row (relay, event job,
    // dispatch) -> delivery SUCCEEDED (delivery job picked up, sent, answered).
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const { rows: stages } = await pool.query(
      `SELECT extract(epoch FROM d.created_at - p.created_at) * 1000 AS recorded, extract(epoch FROM d.completed_at - d.created_at) * 1000 AS sent
       FROM webhook_deliveries d JOIN pledges p ON p.id = (d.body::jsonb -> 'data' ->> 'pledgeId')::uuid
       JOIN webhooks w ON w.id = d.webhook_id WHERE w.url = $1 AND p.idempotency_key LIKE $2`,
      [healthy.url, `${name}-%`],
    );
    await pool.end();
    return {
      recorded: pct(
        stages.map((r) => Number(r.recorded)),
        50,
      ),
      sentAfter: pct(
        stages.map((r) => Number(r.sent)),
        50,
      ),
      median: pct(lat, 50),
      p99: pct(lat, 99),
      max: Math.max(...lat),
      cpuMs: after.cpuMs - before.cpuMs,
      rssMiB: after.rssMiB,
      seconds: (performance.now() - t0) / 1000,
    };
  }

  const p1 = await phase('healthy');
  await gql(
    api.base,
    CREATE,
    { i: { organizationId: org, url: dead.url, events: ['PLEDGE_RECEIVED'] } },
    token,
  );
  const p2 = await phase('with-dead');
  // Let the dead receiver's first timeouts pass, then watch it for a while.
  const watchStart = usage(worker.pid);
  const watchMs = 15_000;
  await new Promise((r) => setTimeout(r, watchMs));
  const watchEnd = usage(worker.pid);
  const d = dead.stats();
  const line = (label, p) =>
    `  ${label.padEnd(28)} median ${p.median.toFixed(1).padStart(6)} ms   p99 ${p.p99.toFixed(1).padStart(6)} ms   max ${p.max.toFixed(0).padStart(5)} ms` +
    ` (median commit->recorded ${p.recorded.toFixed(0)} ms, recorded->answered ${p.sentAfter.toFixed(0)} ms)   worker CPU ${p.cpuMs} ms for ${N} deliveries, RSS ${p.rssMiB.toFixed(0)} MiB`;
  console.log(
    `webhook delivery latency, pledge mutation sent -> receiver reads the request (${N} pledges, ${WIDTH} in flight):`,
  );
  console.log(line('healthy receiver only', p1));
  console.log(line('healthy, next to a dead one', p2));
  console.log(
    `dead receiver (accepts, never answers; timeout ${process.env.WEBHOOKS_TIMEOUT_SECONDS ?? 10} s):`,
  );
  console.log(
    `  ${d.requests} attempts so far, at most ${d.peak} connection(s) open at once (MAX_IN_FLIGHT while it looked healthy, then one), ${d.open} open now`,
  );
  console.log(
    `  afterwards, ${watchMs / 1000} s of retries cost the worker ${watchEnd.cpuMs - watchStart.cpuMs} ms of CPU; RSS ${watchEnd.rssMiB.toFixed(0)} MiB`,
  );
} finally {
  await worker?.stop();
  await api?.stop();
  for (const r of receivers) await r.stop();
  await db.stop();
}
