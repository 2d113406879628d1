// Scenario 4, the fan-out: an organization with F followers posts through the API; the time from
// postUpdate's commit to the last feed entry (the worker's delivery lag: relay, root job, chunk
// jobs) against one raw INSERT ... SELECT of the same rows into the same table and indexes, rounds
// alternating, feed_entries emptied before each. At the three sizes (full run: 10k, 100k, 1M), each
// with a fresh worker process whose peak resident memory (VmHWM) is read afterwards.
// Targets: entries/s API / raw >= 0.8 at 100k and at 1M; per-entry cost at 1M / at 100k <= 1.2;
// worker peak memory at 1M / at 10k <= 1.2.
import pg from 'pg';
import { median, memoryOf } from './lib/common.mjs';
import { fmtCount, postAndWait, rawFanOut, resetFeeds } from './lib/fan-out.mjs';
import { row } from './lib/pairs.mjs';

export async function run(ctx) {
  const pool = new pg.Pool({ connectionString: ctx.db.url, max: 2 });
  const [large, mid, small] = ctx.world.huge;
  const bySize = new Map();
  try {
    for (const org of [small, mid, large]) {
      await ctx.restartWorker();
      const idleMiB = memoryOf(ctx.worker.pid).rssMiB;
      const api = [];
      const raw = [];
      const pollMs = org.followers >= 500_000 ? 20 : 5;
      for (let r = 0; r < ctx.sizes.fanRounds; r++) {
        const order = r % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
        for (const side of order) {
          await resetFeeds(pool, ctx.world);
          if (side === 'api') api.push(await postAndWait(ctx, pool, org, { pollMs }));
          else raw.push(await rawFanOut(pool, org, ctx.world.graph.owner));
        }
      }
      const { peakMiB } = memoryOf(ctx.worker.pid);
      const apiMs = median(api.map((x) => x.workerLagMs));
      const rawMs = median(raw.map((x) => x.ms));
      const ratio = median(api.map((a, i) => raw[i].ms / Math.max(1, a.workerLagMs)));
      bySize.set(org, { apiMs, rawMs, ratio, peakMiB, perEntryMs: apiMs / org.followers });
      ctx.log(
        `  ${fmtCount(org.followers).padStart(5)} followers: API ${apiMs.toFixed(0)} ms (${Math.round((org.followers / apiMs) * 1000).toLocaleString('en')} entries/s), raw ${rawMs.toFixed(0)} ms (${Math.round((org.followers / rawMs) * 1000).toLocaleString('en')} entries/s), ratio ${ratio.toFixed(2)}; worker peak ${peakMiB.toFixed(0)} MiB (idle ${idleMiB.toFixed(0)} MiB)`,
      );
    }
    await resetFeeds(pool, ctx.world);
  } finally {
    await pool.end();
  }
  const at = (org) => bySize.get(org);
  const entriesPerS = (org) =>
    `${Math.round((org.followers / at(org).apiMs) * 1000).toLocaleString('en')} vs ${Math.round((org.followers / at(org).rawMs) * 1000).toLocaleString('en')} entries/s`;
  return [
    row(
      'Fan-out',
      `entries/s at ${fmtCount(mid.followers)}, API / raw INSERT ... SELECT`,
      at(mid).ratio,
      '>=',
      0.8,
      entriesPerS(mid),
    ),
    row(
      'Fan-out',
      `entries/s at ${fmtCount(large.followers)}, API / raw INSERT ... SELECT`,
      at(large).ratio,
      '>=',
      0.8,
      entriesPerS(large),
    ),
    row(
      'Fan-out',
      `per-entry cost at ${fmtCount(large.followers)} / at ${fmtCount(mid.followers)}`,
      at(large).perEntryMs / at(mid).perEntryMs,
      '<=',
      1.2,
      `${(at(large).perEntryMs * 1000).toFixed(1)} vs ${(at(mid).perEntryMs * 1000).toFixed(1)} us/entry`,
    ),
    row(
      'Fan-out',
      `worker peak memory at ${fmtCount(large.followers)} / at ${fmtCount(small.followers)}`,
      at(large).peakMiB / at(small).peakMiB,
      '<=',
      1.2,
      `${at(large).peakMiB.toFixed(0)} vs ${at(small).peakMiB.toFixed(0)} MiB`,
    ),
  ];
}
