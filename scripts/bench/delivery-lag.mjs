// Scenario 6, delivery lag: the organization of the smallest size (full run: 10k followers) posts
// lagPosts times, one after another; the lag is from postUpdate returning (here, in the client) to
// the fan-out marked done (polled every 5 ms, so up to 5 ms late), against the raw fan-out time of
// the same rows (one INSERT ... SELECT, median), rounds alternating.
// p99 is by nearest rank: with fewer than 100 posts it is the slowest one. Target: <= 2.5.
import pg from 'pg';
import { median, quantile } from './lib/common.mjs';
import { fmtCount, postAndWait, rawFanOut, resetFeeds } from './lib/fan-out.mjs';
import { row } from './lib/pairs.mjs';

export async function run(ctx) {
  const pool = new pg.Pool({ connectionString: ctx.db.url, max: 2 });
  const org = ctx.world.huge[2];
  const lags = [];
  const raws = [];
  try {
    for (let k = 0; k < ctx.sizes.lagPosts; k++) {
      for (const side of k % 2 === 0 ? ['api', 'raw'] : ['raw', 'api']) {
        await resetFeeds(pool, ctx.world);
        if (side === 'api') lags.push((await postAndWait(ctx, pool, org)).observedMs);
        else raws.push((await rawFanOut(pool, org, ctx.world.graph.owner)).ms);
      }
    }
    await resetFeeds(pool, ctx.world);
  } finally {
    await pool.end();
  }
  const p99 = quantile(lags, 0.99);
  const rawMs = median(raws);
  ctx.log(
    `  ${lags.length} posts to ${fmtCount(org.followers)} followers: lag p50 ${median(lags).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms; raw fan-out ${rawMs.toFixed(0)} ms`,
  );
  return [
    row(
      'Delivery lag',
      `p99 at ${fmtCount(org.followers)} / raw fan-out time`,
      p99 / rawMs,
      '<=',
      2.5,
      `${p99.toFixed(0)} vs ${rawMs.toFixed(0)} ms`,
    ),
  ];
}
