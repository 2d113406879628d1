import { expect, test } from '@playwright/test';
import { newPerson } from './helpers';

const BUDGET_KIB = 200;

test('a first visit to /login loads at most 200 KiB of JavaScript after compression', async ({ browser }) => {
  const { context, page } = await newPerson(browser, 'desktop');
  const scripts: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.sizes().then((s) => s.responseBodySize));
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  const kib = bytes / 1024;
  console.log(`web: /login first load: ${kib.toFixed(1)} KiB of JavaScript over the wire in ${scripts.length} files`);
  expect(scripts.length).toBeGreaterThan(0);
  expect(kib).toBeLessThanOrEqual(BUDGET_KIB);
  await context.close();
});

test('two tabs refreshing at the same moment both stay signed in; log out reaches every tab', async ({ browser }) => {
  const { context, page } = await newPerson(browser, 'desktop');
  const sfx = Date.now().toString(36);
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`tabs-${sfx}@example.org`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Handle').fill(`tabs_${sfx}`);
  await page.getByLabel('Display name').fill(`Tabs ${sfx}`);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  const second = await context.newPage();
  await second.goto('/settings');
  await expect(second.getByLabel('Display name')).toHaveValue(`Tabs ${sfx}`);

  // Both tabs ask for a new access token with the same cookie at once, bypassing the app's lock.
  const refresh = () => fetch('/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.status);
  const statuses = await Promise.all([page.evaluate(refresh), second.evaluate(refresh)]);
  expect(statuses).toEqual([200, 200]);
  for (const p of [page, second]) {
    await p.reload();
    await expect(p.getByRole('banner').getByRole('button', { name: 'Log out' })).toBeVisible();
  }

  await second.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  await expect(second.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
  await context.close();
});
