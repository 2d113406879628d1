// Scenario 1, the API floor: `{ apiVersion }` with a valid access token (verified, rate-limited per
// user, answered) through the API, against the raw server doing the same three steps.
// Target: API / raw >= 0.6.
import { post } from './lib/common.mjs';
import { alternate, cpuLine, row } from './lib/pairs.mjs';
import { FLOOR } from './lib/queries.mjs';

export async function run(ctx) {
  const body = JSON.stringify({ query: FLOOR });
  const tokens = ctx.world.pledgerTokens;
  const ask = (base) => async (k) => {
    const r = await post(base, '/graphql', body, tokens[k % tokens.length]);
    if (r.status !== 200) throw new Error(`floor: HTTP ${r.status} ${r.body.slice(0, 200)}`);
  };
  const res = await alternate(
    ctx.plan,
    { api: ask(ctx.api.base), raw: ask(ctx.raw.base) },
    { api: ctx.api.pid, raw: ctx.raw.pid },
  );
  ctx.log(
    `  API ${Math.round(res.apiRate)}/s, raw ${Math.round(res.rawRate)}/s; per-round ratios ${res.ratios.map((x) => x.toFixed(2)).join(' ')}${cpuLine(res)}`,
  );
  return [
    row(
      'API floor',
      'trivial authenticated query, API / raw',
      res.ratio,
      '>=',
      0.6,
      `${Math.round(res.apiRate)} vs ${Math.round(res.rawRate)} req/s`,
    ),
  ];
}
