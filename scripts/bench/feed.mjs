// Scenario 2, the feed page: a page of 20 from a reader whose feed holds more than a page (organizations'
// and people's updates, with author, organization, causes, counts and viewerHasReacted), through the API,
// against the raw server running the same statements and answering the same bytes (checked first by
// lib/equivalence.mjs). Target: API / raw >= 0.5.
// (Before issue 16 this file read the author's own 3-entry feed without viewerHasReacted and compared
// it with the page statement alone: its 0.08 compared unlike work.)
import { post } from './lib/common.mjs';
import { alternate, cpuLine, row } from './lib/pairs.mjs';
import { FEED } from './lib/queries.mjs';

export async function run(ctx) {
  const body = JSON.stringify({ query: FEED });
  const token = ctx.world.readerToken;
  const ask = (base) => async () => {
    const r = await post(base, '/graphql', body, token);
    if (r.status !== 200 || r.body.length < 1000)
      throw new Error(`feed: HTTP ${r.status} ${r.body.slice(0, 200)}`);
  };
  const res = await alternate(
    ctx.plan,
    { api: ask(ctx.api.base), raw: ask(ctx.raw.base) },
    { api: ctx.api.pid, raw: ctx.raw.pid },
  );
  ctx.log(
    `  API ${Math.round(res.apiRate)} pages/s (p99 ${res.apiP99.toFixed(1)} ms), raw ${Math.round(res.rawRate)} pages/s (p99 ${res.rawP99.toFixed(1)} ms); per-round ratios ${res.ratios.map((x) => x.toFixed(2)).join(' ')}${cpuLine(res)}`,
  );
  return [
    row(
      'Feed page',
      'page of 20 with fields, API / raw',
      res.ratio,
      '>=',
      0.5,
      `${Math.round(res.apiRate)} vs ${Math.round(res.rawRate)} pages/s`,
    ),
  ];
}
