// Builds (npm run build) when dist/ or the web app's build is missing or older than any source:
// TypeScript under apps/ and libs/, and the web app's sources (apps/web: tsx, css, json, html, config).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE = /\.(ts|tsx|mts|css|json|html)$/;
const SKIP = new Set(['node_modules', 'dist', 'e2e', 'test-results']);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) newest = Math.max(newest, newestMtime(p));
    } else if (SOURCE.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

export function buildIfNeeded(log = (m) => console.log(m)) {
  const built = Math.min(
    mtime(join(root, 'dist/apps/api/src/main.js')),
    mtime(join(root, 'apps/web/dist/index.html')),
  );
  const sources = Math.max(newestMtime(join(root, 'apps')), newestMtime(join(root, 'libs')));
  if (built > 0 && built >= sources) return;
  log('building (npm run build)...');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}
