import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expectAccessible, newPerson } from './helpers';

/** `npm run cli -- grant-admin <email>` against the tests' database. */
function grantAdmin(email: string) {
  const cli = join(__dirname, '..', '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
  const r = spawnSync(process.execPath, [cli, 'grant-admin', email], {
    env: { ...process.env, DATABASE_URL: process.env.CAUSEWAY_WEB_DATABASE_URL },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
}

const BUDGET_KIB = 200;

test('a first visit to /login loads at most 200 KiB of JavaScript after compression', async ({
  browser,
}) => {
  const { context, page } = await newPerson(browser, 'desktop');
  const scripts: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() === 'script')
      scripts.push(request.sizes().then((s) => s.responseBodySize));
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  const kib = bytes / 1024;
  console.log(
    `web: /login first load: ${kib.toFixed(1)} KiB of JavaScript over the wire in ${scripts.length} files`,
  );
  expect(scripts.length).toBeGreaterThan(0);
  expect(kib).toBeLessThanOrEqual(BUDGET_KIB);
  await context.close();
});

test('two tabs refreshing at the same moment both stay signed in; log out reaches every tab', async ({
  browser,
}) => {
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
  const refresh = () =>
    fetch('/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    }).then((r) => r.status);
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

test('offline: a banner says so, Retry checks again, what was typed stays', async ({ browser }) => {
  const { context, page } = await newPerson(browser, 'desktop');
  await page.goto('/search');
  const field = page.getByLabel('Search causes, organizations, people and updates');
  await expect(field).toBeVisible();
  await context.setOffline(true);
  await field.fill('water');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const banner = page
    .getByRole('alert')
    .filter({ hasText: 'Causeway cannot be reached right now' });
  await expect(banner).toBeVisible();
  await expect(field).toHaveValue('water');
  await banner.getByRole('button', { name: 'Retry' }).click(); // still offline: the banner stays
  await expect(banner.getByRole('button', { name: 'Retry' })).toBeEnabled();
  await expect(banner).toBeVisible();
  await context.setOffline(false);
  await expect(banner).toHaveCount(0);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Water', exact: true })).toBeVisible();
  await context.close();
});

test('a platform admin verifies an organization and hides a reported update', async ({
  browser,
}) => {
  const { context, page } = await newPerson(browser, 'desktop');
  const sfx = Date.now().toString(36);
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`admin-${sfx}@example.org`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Handle').fill(`admin_${sfx}`);
  await page.getByLabel('Display name').fill(`Ada ${sfx}`);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  // An organization of their own with an update, reported by its author (anyone may report).
  await page.goto('/orgs/new');
  await page.getByLabel('Name', { exact: true }).fill(`Tree Friends ${sfx}`);
  await page.getByLabel('Slug').fill(`tree-friends-${sfx}`);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.getByLabel('Update', { exact: true }).fill(`Spam spam spam ${sfx}`);
  await page.getByRole('button', { name: 'Post update' }).click();
  await expect(page.getByText('Your update is posted.')).toBeVisible();
  await page.goto(`/orgs/tree-friends-${sfx}`);
  await page.getByRole('link', { name: /0 reactions/ }).click();
  await page.getByText('Report', { exact: true }).click();
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the report was sent' })).toBeVisible();

  grantAdmin(`admin-${sfx}@example.org`);
  await page.goto('/admin');
  await page.getByRole('button', { name: `Verify Tree Friends ${sfx}` }).click();
  await expect(page.getByRole('button', { name: `Verify Tree Friends ${sfx}` })).toHaveCount(0);
  await expectAccessible(page, 'admin');
  await page.getByRole('button', { name: 'Hide' }).first().click();
  await page.goto(`/orgs/tree-friends-${sfx}`);
  await expect(page.getByText('Verified')).toBeVisible();
  await expect(page.getByText(`Spam spam spam ${sfx}`)).toHaveCount(0);
  await context.close();
});

test("a time campaign: pledge hours, read them back, cancel one's own pledge", async ({
  browser,
}) => {
  const { context, page } = await newPerson(browser, 'desktop');
  const sfx = Date.now().toString(36);
  await page.goto('/signup');
  await page.getByLabel('Email').fill(`time-${sfx}@example.org`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Handle').fill(`time_${sfx}`);
  await page.getByLabel('Display name').fill(`Tim ${sfx}`);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  await page.goto('/orgs/new');
  await page.getByLabel('Name', { exact: true }).fill(`Helping Hands ${sfx}`);
  await page.getByLabel('Slug').fill(`helping-hands-${sfx}`);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.getByLabel('Title').fill(`Tutoring hours ${sfx}`);
  await page.getByLabel('Goal kind').selectOption('TIME');
  await expect(page.getByLabel('Currency')).toHaveCount(0);
  await page.getByLabel('Goal', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page.getByText('The campaign is created.')).toBeVisible();
  await page.goto(`/orgs/helping-hands-${sfx}`);
  await page.getByRole('link', { name: `Tutoring hours ${sfx}` }).click();
  const bar = page.getByRole('main').getByRole('progressbar', { name: `Tutoring hours ${sfx}` });
  await expect(bar).toHaveAttribute('aria-valuetext', '0 h of 10 h');
  await page.getByLabel('Amount').fill('1.5');
  await page.getByRole('button', { name: 'Pledge' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Thank you! You pledged 1.5 h.' }),
  ).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuetext', '1.5 h of 10 h');
  await expect(bar).toHaveAttribute('aria-valuenow', '90');
  await expect(bar).toHaveAttribute('aria-valuemax', '600');
  await page.getByRole('button', { name: 'Cancel pledge' }).click();
  await expect(bar).toHaveAttribute('aria-valuetext', '0 h of 10 h');
  await expect(page.getByText('Cancelled', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel pledge' })).toHaveCount(0);
  await context.close();
});
