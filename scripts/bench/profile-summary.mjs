#!/usr/bin/env node
// node scripts/bench/profile-summary.mjs <file.cpuprofile> [top]
//
// A text "flame graph" of a V8 CPU profile (BENCH_API_NODE_ARGS=--cpu-prof): the frames with the
// most self time, and self time summed by where the code lives (a package under node_modules, the
// app's own code, Node's internals, GC), as Markdown tables for BENCHMARKS.md. Start-up is left
// out: the tables cover the profile from the first GraphQL request on.
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.mjs <file.cpuprofile> [top]');
const top = Number(topArg ?? 15);
const profile = JSON.parse(readFileSync(file, 'utf8'));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
/** Whether a sample's stack is inside Apollo's request pipeline (the API serving a request). */
const serving = (id) => {
  for (let n = id; n !== undefined; n = parent.get(n))
    if (byId.get(n).callFrame.functionName === 'processGraphQLRequest') return true;
  return false;
};
const self = new Map(); // node id -> microseconds
const { samples, timeDeltas } = profile;
// Start-up (module loading, migrations, the world's loading) is left out: from the first sample
// that serves a GraphQL request on.
const first = samples.findIndex(serving);
for (let i = Math.max(0, first); i < samples.length; i++)
  self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()]
  .filter(([id]) => byId.get(id).callFrame.functionName === '(idle)')
  .reduce((a, [, t]) => a + t, 0);
const busy = total - idle;

/** Where a frame's code lives: a package, the app, Node, or V8's own pseudo-frames. */
function area(frame) {
  const url = frame.url ?? '';
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  if (/\/dist\/(apps|libs)\//.test(url) || /\/(apps|libs)\//.test(url)) return 'causeway';
  return url;
}

const frames = new Map();
const areas = new Map();
for (const [id, t] of self) {
  const { callFrame: f } = byId.get(id);
  if (f.functionName === '(idle)') continue;
  const where = f.url
    ? `${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${f.lineNumber + 1}`
    : '';
  const key = `${f.functionName || '(anonymous)'}\t${where}`;
  frames.set(key, (frames.get(key) ?? 0) + t);
  const a = area(f);
  areas.set(a, (areas.get(a) ?? 0) + t);
}
const pct = (t) => `${((100 * t) / busy).toFixed(1)}%`;
console.log(
  `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)}%)\n`,
);
console.log('| self (of busy) | frame | where |\n| ---: | --- | --- |');
for (const [key, t] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  const [fn, where] = key.split('\t');
  console.log(`| ${pct(t)} | \`${fn}\` | ${where} |`);
}
console.log('\n| self (of busy) | where the code lives |\n| ---: | --- |');
for (const [a, t] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, top))
  console.log(`| ${pct(t)} | ${a} |`);
