// Builds (npm run build) when dist/ is missing or older than any TypeScript source.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function buildIfNeeded(log = (m) => console.log(m)) {
  const marker = join(root, 'dist/apps/api/src/main.js');
  const sources = Math.max(newestMtime(join(root, 'apps')), newestMtime(join(root, 'libs')));
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) return;
  log('building (npm run build)...');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}
