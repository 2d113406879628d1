// Paired measurement: the API and its raw twin take turns (API first in even rounds, raw first in
// odd ones), each for the same number of requests at the same concurrency, so that drift of a
// shared machine hits both; the result is the median of the per-round ratios.
import { readFileSync } from 'node:fs';
import { load, median, quantile } from './common.mjs';

/** CPU seconds (user + system) a process has used so far, from /proc (null elsewhere). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

/**
 * Besides the rates, the CPU time each server process used per request (from /proc, when `pids`
 * are given): on a shared machine the rates move with the other load, CPU per request much less.
 * @param {{ rounds: number, requests: number, width: number, warm: number }} plan
 * @param {{ api: (k: number) => Promise<unknown>, raw: (k: number) => Promise<unknown> }} sides
 * @param {{ api?: number, raw?: number }} [pids]
 */
export async function alternate(plan, sides, pids = {}) {
  await load(plan.warm, plan.width, sides.api);
  await load(plan.warm, plan.width, sides.raw);
  const rounds = [];
  let offset = plan.warm;
  for (let r = 0; r < plan.rounds; r++) {
    const order = r % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
    const out = {};
    for (const side of order) {
      const base = offset;
      const cpu0 = pids[side] ? cpuSeconds(pids[side]) : null;
      out[side] = await load(plan.requests, plan.width, (k) => sides[side](base + k));
      const cpu1 = pids[side] ? cpuSeconds(pids[side]) : null;
      out[side].cpuMs =
        cpu0 === null || cpu1 === null ? null : ((cpu1 - cpu0) * 1000) / plan.requests;
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
    // CPU ms per request of each side, and raw's / the API's (comparable with `ratio`: 1 = as cheap).
    apiCpuMs: rounds.every((r) => r.api.cpuMs !== null)
      ? median(rounds.map((r) => r.api.cpuMs))
      : null,
    rawCpuMs: rounds.every((r) => r.raw.cpuMs !== null)
      ? median(rounds.map((r) => r.raw.cpuMs))
      : null,
    cpuRatios: rounds.map((r) => (r.api.cpuMs && r.raw.cpuMs ? r.raw.cpuMs / r.api.cpuMs : null)),
  };
}

/** The log line of CPU per request, when measured. */
export const cpuLine = (res) =>
  res.apiCpuMs === null
    ? ''
    : `; CPU per request API ${res.apiCpuMs.toFixed(2)} ms, raw ${res.rawCpuMs.toFixed(2)} ms (raw / API ${median(res.cpuRatios.filter(Boolean)).toFixed(2)})`;

/** A row of the results table: `value` judged against `target` with `op` ('>=' or '<='). */
export function row(scenario, metric, value, op, target, detail = '') {
  const met = op === '>=' ? value >= target : value <= target;
  return { scenario, metric, value, op, target, met, detail };
}
