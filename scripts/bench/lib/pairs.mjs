// Paired measurement: the API and its raw twin take turns (API first in even rounds, raw first in
// odd ones), each for the same number of requests at the same concurrency, so that drift of a
// shared machine hits both; the result is the median of the per-round ratios.
import { load, median, quantile } from './common.mjs';

/**
 * @param {{ rounds: number, requests: number, width: number, warm: number }} plan
 * @param {{ api: (k: number) => Promise<unknown>, raw: (k: number) => Promise<unknown> }} sides
 */
export async function alternate(plan, sides) {
  await load(plan.warm, plan.width, sides.api);
  await load(plan.warm, plan.width, sides.raw);
  const rounds = [];
  let offset = plan.warm;
  for (let r = 0; r < plan.rounds; r++) {
    const order = r % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
    const out = {};
    for (const side of order) {
      const base = offset;
      out[side] = await load(plan.requests, plan.width, (k) => sides[side](base + k));
      offset += plan.requests;
    }
    rounds.push({ ratio: out.api.rate / out.raw.rate, api: out.api, raw: out.raw });
  }
  return {
    ratio: median(rounds.map((r) => r.ratio)),
    apiRate: median(rounds.map((r) => r.api.rate)),
    rawRate: median(rounds.map((r) => r.raw.rate)),
    apiP99: median(rounds.map((r) => quantile(r.api.latencies, 0.99))),
    rawP99: median(rounds.map((r) => quantile(r.raw.latencies, 0.99))),
    ratios: rounds.map((r) => r.ratio),
  };
}

/** A row of the results table: `value` judged against `target` with `op` ('>=' or '<='). */
export function row(scenario, metric, value, op, target, detail = '') {
  const met = op === '>=' ? value >= target : value <= target;
  return { scenario, metric, value, op, target, met, detail };
}
