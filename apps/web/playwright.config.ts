import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the web app in Debian's Chromium (never a downloaded browser) against the
 * built API and worker processes on real PostgreSQL (and Redis when REDIS_URL is set); the global
 * setup starts them on a fresh database of their own.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '*.pw.ts',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  outputDir: '../../test-results/web',
  reporter: process.env.CAUSEWAY_WEB_REPORT
    ? [['list'], ['json', { outputFile: process.env.CAUSEWAY_WEB_REPORT }]]
    : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    },
    locale: 'en-US',
    timezoneId: 'UTC',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
