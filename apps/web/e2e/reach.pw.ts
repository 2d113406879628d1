import { expect, test, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkScreen, newPerson } from './helpers';

/**
 * Issues 15 and 17 in the browser, at 390 x 844 (axe and no sideways scrolling on every new screen):
 * the neutral password-reset answer, delivery per follow and the digest frequency persisting, an
 * OWNER's webhook with its secret shown once, a ping reaching a receiver on loopback and SUCCEEDED in
 * the log, a data export's download link, and a deleted account refused at log-in.
 */
const PASSWORD = 'correct horse battery';

/** A receiver on loopback that answers 204 and keeps what it got. */
async function receiver() {
  const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    got,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/causeway`,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function signUp(page: Page, who: { email: string; handle: string; name: string }) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Handle').fill(who.handle);
  await page.getByLabel('Display name').fill(who.name);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
}

/** Runs `action` and waits for the answer of the GraphQL operation that mentions `field`. */
async function answered(page: Page, field: string, action: () => Promise<unknown>) {
  const response = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(field),
  );
  await action();
  expect((await response).status()).toBe(200);
}

test('reach and integrations at 390 px: reset request, delivery and digest, webhook with ping, export, deletion', async ({
  browser,
}) => {
  const screen = 'mobile' as const;
  const sfx = Date.now().toString(36);
  const hook = await receiver();
  const { context, page } = await newPerson(browser, screen);
  try {
    // Forgot password: the same neutral answer for an address nobody registered.
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    await page.getByLabel('Email').fill(`nobody-${sfx}@example.org`);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'If an account exists for that address, we sent a link' }),
    ).toBeVisible();
    await checkScreen(page, screen, 'forgot-password');
    await page.goto('/reset-password?token=not-a-real-token');
    await page.getByLabel('New password', { exact: true }).fill('another good password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'This link has expired or was already used.',
    );
    await checkScreen(page, screen, 'reset-password');

    // An OWNER-to-be signs up and follows Water.
    await signUp(page, {
      email: `owner-${sfx}@example.org`,
      handle: `owner_${sfx}`,
      name: `Olu ${sfx}`,
    });
    const water = page.getByRole('button', { name: 'Follow Water', exact: true }).first();
    await water.click();
    await expect(water).toHaveAttribute('aria-pressed', 'true');
    await page.goto('/verify-email?token=not-a-real-token');
    await expect(page.getByRole('alert')).toContainText(
      'This link has expired or was already used.',
    );
    await expect(page.getByRole('button', { name: 'Resend verification email' })).toBeVisible();
    await checkScreen(page, screen, 'verify-email');

    // Settings: a follow's delivery and the digest frequency persist across a reload.
    await page.goto('/settings');
    const delivery = page.getByLabel('Delivery for Water', { exact: true });
    await expect(delivery).toHaveValue('HOME');
    await expect(page.getByText('Not confirmed yet')).toBeVisible();
    await checkScreen(
      page,
      screen,
      'settings-reach',
      page.getByRole('region', { name: 'Email digest' }),
    );
    await answered(page, 'setCauseDelivery', () => delivery.selectOption('DIGEST'));
    await answered(page, 'setDigestFrequency', () =>
      page.getByLabel('Digest frequency').selectOption('DAILY'),
    );
    await page.reload();
    await expect(page.getByLabel('Delivery for Water', { exact: true })).toHaveValue('DIGEST');
    await expect(page.getByLabel('Digest frequency')).toHaveValue('DAILY');

    // The OWNER creates a webhook, sees its secret once, pings it and reads SUCCEEDED in the log.
    const slug = `reach-wells-${sfx}`;
    await page.goto('/orgs/new');
    await page.getByLabel('Name', { exact: true }).fill(`Reach Wells ${sfx}`);
    await page.getByLabel('Slug').fill(slug);
    await page.getByRole('checkbox', { name: 'Water', exact: true }).check();
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect(page).toHaveURL(new RegExp(`/orgs/${slug}/manage$`));
    const integrations = page.getByRole('region', { name: 'Integrations' });
    await integrations.getByLabel('Endpoint URL').fill(hook.url);
    await integrations.getByRole('checkbox', { name: 'Pledge received' }).check();
    await integrations.getByRole('button', { name: 'Create webhook' }).click();
    const secretBox = page.getByRole('region', { name: 'Signing secret' });
    await expect(secretBox.getByText('you will not see it again')).toBeVisible();
    const secret = await secretBox.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect(integrations.getByText(hook.url)).toBeVisible();
    await checkScreen(page, screen, 'integrations', integrations);
    await page.reload();
    await expect(integrations.getByText(hook.url)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Signing secret' })).toHaveCount(0);
    await integrations.getByRole('button', { name: `Ping ${hook.url}` }).click();
    const row = integrations.getByRole('row').filter({ hasText: 'Ping' });
    await expect(row).toContainText('Succeeded', { timeout: 30_000 });
    await expect(row).toContainText('204');
    await checkScreen(
      page,
      screen,
      'integrations-log',
      integrations.getByRole('list', { name: 'Webhooks' }),
    );
    expect(hook.got).toHaveLength(1);
    const { headers, body } = hook.got[0];
    const signed = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(`${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`)
      .digest('base64');
    expect(String(headers['webhook-signature']).split(' ')).toContain(`v1,${signed}`);
    expect(JSON.parse(body).type).toBe('webhook.ping');

    // Data export: requested, then the download link once READY.
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Request data export' }).click();
    const download = page.getByRole('link', { name: 'Download your data (JSON)' });
    await expect(download).toBeVisible({ timeout: 30_000 });
    const archive = await page.request.get((await download.getAttribute('href'))!);
    expect(archive.status()).toBe(200);
    expect(await archive.text()).toContain(`owner_${sfx}`);
    await checkScreen(
      page,
      screen,
      'settings-export',
      page.getByRole('region', { name: 'Download your data' }),
    );

    // The last OWNER cannot delete the account: the API's sentence, plainly.
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByRole('alert')).toContainText('last OWNER');
  } finally {
    await context.close();
  }

  // Someone else deletes their account, is signed out, and cannot log in again.
  const leaver = await newPerson(browser, screen);
  try {
    const p = leaver.page;
    const email = `leaver-${sfx}@example.org`;
    await signUp(p, { email, handle: `leaver_${sfx}`, name: `Lee ${sfx}` });
    await p.goto('/settings');
    await p.getByLabel('Your password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Delete my account' }).click();
    await expect(p.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
    await p.goto('/login');
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Log in' }).click();
    await expect(p.getByRole('alert')).toBeVisible();
    await expect(p).toHaveURL(/\/login$/);
  } finally {
    await leaver.context.close();
    await hook.close();
  }
});
