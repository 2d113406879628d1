#!/usr/bin/env node
// The first-load budget of the web app (docs/web-app.md): the JavaScript a first visit to /login loads, after
// gzip, at most 200 KiB. Reads Vite's manifest: the entry chunk, its static imports, and the /login
// page's chunk with its static imports. Prints the figure; exits 1 over budget.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KIB = 200;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'web', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const files = new Set();
const walk = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const dep of chunk.imports ?? []) walk(dep);
};
walk('index.html');
walk('src/pages/auth.tsx');
if (!manifest['src/pages/auth.tsx'])
  throw new Error('no chunk for src/pages/auth.tsx in the manifest');

let bytes = 0;
for (const file of files) bytes += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kib = bytes / 1024;
writeFileSync(
  join(dist, '.vite', 'budget.json'),
  JSON.stringify({ route: '/login', gzipBytes: bytes, files: [...files] }, null, 2),
);
console.log(
  `web: first load of /login: ${kib.toFixed(1)} KiB of JavaScript after gzip in ${files.size} files (budget ${BUDGET_KIB} KiB)`,
);
if (kib > BUDGET_KIB) {
  console.error(`web: over the first-load budget by ${(kib - BUDGET_KIB).toFixed(1)} KiB`);
  process.exit(1);
}
