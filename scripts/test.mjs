#!/usr/bin/env node
// `npm test`: every test. jest (unit, integration, end-to-end; the arguments given go to jest), then
// the web app's component tests (Vitest, jsdom) and its end-to-end tests (Playwright in Debian's
// Chromium against the built API and worker). Prints "web: N passed, N failed" for the web tests.
// CAUSEWAY_SKIP_WEB_TESTS=1 runs jest only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './build-if-needed.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ??
  1;

let status = run(bin('jest'), process.argv.slice(2));
if (process.env.CAUSEWAY_SKIP_WEB_TESTS === '1') process.exit(status);

const dir = mkdtempSync(join(tmpdir(), 'causeway-web-tests-'));
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
let passed = 0;
let failed = 0;

const unit = join(dir, 'vitest.json');
const unitStatus = run(bin('vitest'), [
  'run',
  '--config',
  'apps/web/vitest.config.mts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${unit}`,
]);
const u = read(unit);
passed += u?.numPassedTests ?? 0;
failed += u ? u.numFailedTests : 1;
if (unitStatus !== 0) status ||= unitStatus;

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `web: no Chromium at ${chromium} (apt-get install -y chromium); the end-to-end tests cannot run`,
  );
  failed += 1;
  status ||= 1;
} else {
  const e2e = join(dir, 'playwright.json');
  const e2eStatus = run(bin('playwright'), ['test', '--config', 'apps/web/playwright.config.ts'], {
    CAUSEWAY_WEB_REPORT: e2e,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  });
  const p = read(e2e)?.stats;
  passed += (p?.expected ?? 0) + (p?.flaky ?? 0);
  failed += p ? p.unexpected : 1;
  if (e2eStatus !== 0) status ||= e2eStatus;
}
rmSync(dir, { recursive: true, force: true });
console.log(`web: ${passed} passed, ${failed} failed`);
process.exit(status || (failed > 0 ? 1 : 0));
