// Scenario 5, read under write: the reader's feed page through the API at 16 in flight, alone, and
// while an organization of the middle size (full run: 100k followers) fans out and a pledge storm
// (8 in flight on the hot campaign) runs; p99 during / p99 alone, rounds alternating, median.
// Target: <= 2.0.
import pg from 'pg';
import { load, median, post, quantile } from './lib/common.mjs';
import { postAndWait, resetFeeds } from './lib/fan-out.mjs';
import { row } from './lib/pairs.mjs';
import { FEED, PLEDGE } from './lib/queries.mjs';

export async function run(ctx) {
  const pool = new pg.Pool({ connectionString: ctx.db.url, max: 2 });
  const feedBody = JSON.stringify({ query: FEED });
  const page = async () => {
    const r = await post(ctx.api.base, '/graphql', feedBody, ctx.world.readerToken);
    if (r.status !== 200) throw new Error(`feed: HTTP ${r.status}`);
  };
  const org = ctx.world.huge[1];
  const n = ctx.sizes.rwAloneRequests;
  const ratios = [];
  const detail = [];
  try {
    await load(Math.min(200, n), 16, page);
    for (let r = 0; r < ctx.sizes.rwRounds; r++) {
      await resetFeeds(pool, ctx.world);
      const alone = quantile((await load(n, 16, page)).latencies, 0.99);
      await resetFeeds(pool, ctx.world);
      // During: the fan-out and the storm run; pages are read until the fan-out is done and at least n were read.
      let writing = true;
      let pledges = 0;
      const storm = Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let k = 0; writing; k++) {
            const token = ctx.world.pledgerTokens[(w + k * 8) % ctx.world.pledgerTokens.length];
            const res = await post(
              ctx.api.base,
              '/graphql',
              {
                query: PLEDGE,
                variables: {
                  i: {
                    campaignId: ctx.world.campaignId,
                    amount: '1',
                    currency: 'USD',
                    idempotencyKey: `storm-${Date.now()}-${w}-${k}`,
                  },
                },
              },
              token,
            );
            if (res.status !== 200) throw new Error(`storm pledge: HTTP ${res.status}`);
            pledges++;
          }
        }),
      );
      let fanning = true;
      const fan = postAndWait(ctx, pool, org).finally(() => (fanning = false));
      const latencies = [];
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (fanning || latencies.length < n) {
            const t0 = process.hrtime.bigint();
            await page();
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          }
        }),
      );
      const fanned = await fan;
      writing = false;
      await storm;
      const during = quantile(latencies, 0.99);
      ratios.push(during / alone);
      detail.push(`${during.toFixed(0)} vs ${alone.toFixed(0)} ms`);
      ctx.log(
        `  round ${r + 1}: p99 alone ${alone.toFixed(1)} ms (${n} pages), during ${during.toFixed(1)} ms (${latencies.length} pages, ${pledges} pledges, fan-out to ${fanned.entries.toLocaleString('en')} in ${fanned.workerLagMs} ms)`,
      );
    }
    await resetFeeds(pool, ctx.world);
  } finally {
    await pool.end();
  }
  return [
    row(
      'Read under write',
      'feed p99 during fan-out + pledge storm / alone',
      median(ratios),
      '<=',
      2.0,
      detail.join('; '),
    ),
  ];
}
