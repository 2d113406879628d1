#!/usr/bin/env node
// npm run bench [-- --quick] [-- --only floor,feed,pledges,fanout,read-under-write,delivery-lag]
//
// Every scenario of issue 16, each against a raw baseline measured on this machine in the same run
// (see BENCHMARKS.md for the method). One scratch database, one API, one raw server (raw-server.mjs)
// and one worker serve every scenario; the raw server is first checked to do the API's work (same
// bodies, same statements: lib/equivalence.mjs). Ratios are printed with their targets as
// `met` / `not met`; absolute numbers are printed but never judged. Exit status: 0 when everything
// ran (targets not met included), 1 when a check or a scenario failed.
//
// --quick: tiny sizes (CI smoke test, well under 2 minutes); the numbers mean nothing.
// --versus DIR: the "raw" side is the API built in DIR (a copy of an earlier dist/, inside the
// repository) instead of raw-server.mjs: each paired ratio is then this build / that build,
// measured alternately in one run (what a change bought, on a shared machine).
// --rounds N, --requests M: the paired scenarios' rounds and requests per side and round (e.g. with
// --quick --only floor,feed,pledges: a before/after comparison of one change without the big world).
// Env: DATABASE_URL (a server to make the scratch database on; unset: an embedded PostgreSQL),
// REDIS_URL (unset: queues, events and rate limits on PostgreSQL), BENCH_DB_NAME (cw_bench_run),
// BENCH_DIST (run the API and worker from this copy of dist/ instead of building),
// BENCH_API_NODE_ARGS (e.g. --cpu-prof, for the API and the raw server), BENCH_OUT (a file for the
// results as JSON).
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildIfNeeded, root } from '../build-if-needed.mjs';
import { scratchDatabase, startApi, startRaw, startWorker } from './lib/common.mjs';
import { checkEquivalence } from './lib/equivalence.mjs';
import { buildWorld } from './lib/fixture.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
    requests: { type: 'string' },
    versus: { type: 'string' },
  },
});
const quick = args.quick;

/** Sizes. Full: the issue's (10k, 100k and 1M followers). Quick: tiny, to prove every path runs. */
const SIZES = quick
  ? {
      users: 12_000,
      huge: [10_000, 2_000, 500],
      tailOrgs: 30,
      tailFollows: 3_000,
      clients: 16,
      plan: { rounds: 2, requests: 100, width: 16, warm: 30 },
      fanRounds: 1,
      lagPosts: 3,
      rwRounds: 1,
      rwAloneRequests: 150,
    }
  : {
      users: 1_050_000,
      huge: [1_000_000, 100_000, 10_000],
      tailOrgs: 2_000,
      tailFollows: 1_000_000,
      clients: 64,
      plan: { rounds: 5, requests: 2_000, width: 16, warm: 300 },
      fanRounds: 3,
      lagPosts: 20,
      rwRounds: 3,
      rwAloneRequests: 2_000,
    };

if (args.rounds) SIZES.plan.rounds = Number(args.rounds);
if (args.requests) {
  SIZES.plan.requests = Number(args.requests);
  SIZES.plan.warm = Math.max(SIZES.plan.warm, Math.round(SIZES.plan.requests / 5));
}

const SCENARIOS = ['floor', 'feed', 'pledges', 'fanout', 'read-under-write', 'delivery-lag'];
const only = args.only ? args.only.split(',') : SCENARIOS;
for (const name of only)
  if (!SCENARIOS.includes(name))
    throw new Error(`--only: unknown scenario ${name} (${SCENARIOS.join(', ')})`);

const log = (m) => console.log(m);
const started = Date.now();
if (!process.env.BENCH_DIST) buildIfNeeded(log);
const db = await scratchDatabase(process.env.BENCH_DB_NAME ?? 'cw_bench_run');
const sqlLog = (name) => join(tmpdir(), `causeway-bench-${process.pid}-${name}.sql.log`);
const preload = ['--require', join(root, 'scripts/bench/lib/sql-log.cjs')];
const ctx = { quick, db, sizes: SIZES, plan: SIZES.plan, log };
let failed = false;
const results = [];
try {
  log(
    `Causeway benchmarks${quick ? ' (--quick: tiny sizes, a smoke test; the numbers mean nothing)' : ''}; queues on ${process.env.REDIS_URL ? 'Redis' : 'PostgreSQL'}`,
  );
  const probe = new pg.Client({ connectionString: db.url });
  await probe.connect();
  const {
    rows: [{ version }],
  } = await probe.query('SELECT version()');
  await probe.end();
  ctx.machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '?',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadStart: os.loadavg()[0],
    postgres: version.split(' ').slice(0, 2).join(' '),
  };
  log(
    `machine: ${ctx.machine.cpus} x ${ctx.machine.cpu}, ${ctx.machine.memGiB} GiB, Node ${process.version}, ${ctx.machine.postgres}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  if (os.loadavg()[0] > 0.25 * ctx.machine.cpus)
    log(
      `  warning: the machine is busy (1-minute load ${os.loadavg()[0].toFixed(2)} on ${ctx.machine.cpus} cores) before the run: absolute numbers and ratios will be noisy`,
    );
  // The API runs the migrations when it starts.
  ctx.api = {
    ...(await startApi(db.url, { nodeArgs: preload, env: { BENCH_SQL_LOG: sqlLog('api') } })),
    sqlLog: sqlLog('api'),
  };
  const rawOptions = { nodeArgs: preload, env: { BENCH_SQL_LOG: sqlLog('raw') } };
  if (args.versus)
    log(
      `--versus: the "raw" side is the API built in ${args.versus}: ratios are this build / that one`,
    );
  ctx.raw = {
    ...(await (args.versus
      ? startApi(db.url, { ...rawOptions, dist: args.versus })
      : startRaw(db.url, rawOptions))),
    sqlLog: sqlLog('raw'),
  };
  ctx.world = await buildWorld(db.url, SIZES, log);
  ctx.worker = await startWorker(db.url);
  ctx.restartWorker = async () => {
    await ctx.worker.stop();
    ctx.worker = await startWorker(db.url);
  };
  log('equivalence of the raw server (bodies and statements):');
  await checkEquivalence(ctx, log);
  for (const name of only) {
    log(`\n== ${name}`);
    const t0 = Date.now();
    try {
      const { run } = await import(`./${name}.mjs`);
      results.push(...(await run(ctx)));
    } catch (err) {
      failed = true;
      console.error(`${name} failed: ${err.stack ?? err}`);
    }
    log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
} catch (err) {
  failed = true;
  console.error(err.stack ?? err);
} finally {
  await ctx.worker?.stop();
  await ctx.api?.stop();
  await ctx.raw?.stop();
  await db.stop();
  for (const side of ['api', 'raw']) rmSync(sqlLog(side), { force: true });
}

const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));
log(`\n${'scenario'.padEnd(20)} ${'metric'.padEnd(52)} ${'value'.padStart(7)}  target    result`);
for (const r of results) {
  log(
    `${r.scenario.padEnd(20)} ${r.metric.padEnd(52)} ${fmt(r.value).padStart(7)}  ${`${r.op} ${r.target}`.padEnd(8)}  ${r.met ? 'met' : 'not met'}${r.detail ? `   (${r.detail})` : ''}`,
  );
}
log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
log(
  `\n${results.filter((r) => r.met).length} of ${results.length} targets met; ${((Date.now() - started) / 1000).toFixed(0)} s${quick ? ' (quick: sizes too small for the numbers to mean anything)' : ''}`,
);
if (process.env.BENCH_OUT)
  writeFileSync(
    process.env.BENCH_OUT,
    JSON.stringify(
      {
        quick,
        at: new Date().toISOString(),
        redis: Boolean(process.env.REDIS_URL),
        machine: ctx.machine,
        loadEnd: os.loadavg()[0],
        results,
      },
      null,
      2,
    ),
  );
process.exit(failed ? 1 : 0);
