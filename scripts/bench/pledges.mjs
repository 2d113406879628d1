// Scenario 3, the hot campaign: pledges on one campaign (one counter row) by many people through
// the API's `pledge` mutation, against the raw server running the same transaction. Both write to
// the same campaign; afterwards its total must equal the sum of every pledge made (nothing lost).
// Target: API / raw >= 0.6.
import pg from 'pg';
import { post } from './lib/common.mjs';
import { alternate, cpuLine, row } from './lib/pairs.mjs';
import { PLEDGE } from './lib/queries.mjs';

export async function run(ctx) {
  const { campaignId, pledgerTokens: tokens } = ctx.world;
  const pool = new pg.Pool({ connectionString: ctx.db.url, max: 1 });
  try {
    const {
      rows: [before],
    } = await pool.query(
      'SELECT pledged_total::text AS t, pledge_count AS n FROM campaigns WHERE id = $1',
      [campaignId],
    );
    let sum = 0n;
    let count = 0;
    const run = `${Date.now().toString(36)}`;
    const ask = (base, side) => async (k) => {
      const amount = 100 + (k % 5000);
      const r = await post(
        base,
        '/graphql',
        {
          query: PLEDGE,
          variables: {
            i: {
              campaignId,
              amount: String(amount),
              currency: 'USD',
              idempotencyKey: `bench-${run}-${side}-${k}`,
            },
          },
        },
        tokens[k % tokens.length],
      );
      if (r.status !== 200 || !r.body.startsWith('{"data":{"pledge":{"id":'))
        throw new Error(`pledge: HTTP ${r.status} ${r.body.slice(0, 200)}`);
      sum += BigInt(amount);
      count++;
    };
    const res = await alternate(
      ctx.plan,
      { api: ask(ctx.api.base, 'api'), raw: ask(ctx.raw.base, 'raw') },
      { api: ctx.api.pid, raw: ctx.raw.pid },
    );
    const {
      rows: [after],
    } = await pool.query(
      'SELECT pledged_total::text AS t, pledge_count AS n FROM campaigns WHERE id = $1',
      [campaignId],
    );
    if (BigInt(after.t) - BigInt(before.t) !== sum || after.n - before.n !== count) {
      throw new Error(
        `pledges: the campaign moved by ${BigInt(after.t) - BigInt(before.t)} / ${after.n - before.n}, expected ${sum} / ${count}`,
      );
    }
    ctx.log(
      `  API ${Math.round(res.apiRate)} pledges/s, raw ${Math.round(res.rawRate)} pledges/s; ${count} pledges, totals exact; per-round ratios ${res.ratios.map((x) => x.toFixed(2)).join(' ')}${cpuLine(res)}`,
    );
    return [
      row(
        'Hot campaign',
        'pledges/s, API / raw',
        res.ratio,
        '>=',
        0.6,
        `${Math.round(res.apiRate)} vs ${Math.round(res.rawRate)} pledges/s`,
      ),
    ];
  } finally {
    await pool.end();
  }
}
