import { expect, test, type Page } from '@playwright/test';
import { afterSubscribe, checkScreen, newPerson, openLiveFeed, type Screen } from './helpers';

/**
 * The loop of issue 12 with two people in two browser contexts: a nonprofit editor and a supporter.
 * Once on a desktop screen and once at 390 x 844.
 */
async function signUp(
  page: Page,
  screen: Screen,
  who: { email: string; handle: string; name: string },
  check: boolean,
) {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { name: 'Sign up' })).toBeVisible();
  if (check) await checkScreen(page, screen, 'signup');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Handle').fill(who.handle);
  await page.getByLabel('Display name').fill(who.name);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
}

async function onboard(page: Page, screen: Screen, check: boolean) {
  const water = page.getByRole('button', { name: 'Follow Water', exact: true }).first();
  await expect(water).toHaveAttribute('aria-pressed', 'false');
  if (check) await checkScreen(page, screen, 'welcome');
  await water.click();
  await expect(water).toHaveAttribute('aria-pressed', 'true');
  await expect(water).toHaveAccessibleName('Follow Water');
  await page.getByRole('button', { name: 'Next: organizations' }).click();
  await expect(page.getByRole('heading', { name: 'Suggested organizations' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to my feed' }).click();
  await expect(page.getByRole('heading', { name: 'Your feed' })).toBeVisible();
}

const progress = (page: Page, title: string) =>
  page.getByRole('main').getByRole('progressbar', { name: title });

for (const screen of ['desktop', 'mobile'] as const) {
  test(`the loop on ${screen}: sign up, follow, post live, pledge by keyboard, live totals and badge, fulfil`, async ({
    browser,
  }) => {
    const sfx = `${screen === 'desktop' ? 'd' : 'm'}${Date.now().toString(36)}`;
    const orgName = `Clean Wells ${sfx}`;
    const slug = `clean-wells-${sfx}`;
    const campaignTitle = `Wells for Kisumu ${sfx}`;
    const editor = await newPerson(browser, screen);
    const supporter = await newPerson(browser, screen);
    const e = editor.page;
    const s = supporter.page;

    // Signed out: the landing page and the log-in form.
    await s.goto('/');
    await expect(s.getByRole('heading', { name: 'Causes worth following' })).toBeVisible();
    await checkScreen(s, screen, 'landing');
    await s.goto('/login');
    await expect(s.getByRole('button', { name: 'Log in' })).toBeVisible();
    await checkScreen(s, screen, 'login');

    // The editor signs up, onboards and creates the organization with a campaign.
    await signUp(
      e,
      screen,
      { email: `editor-${sfx}@example.org`, handle: `editor_${sfx}`, name: `Edna ${sfx}` },
      true,
    );
    await onboard(e, screen, true);
    await checkScreen(e, screen, 'feed-empty');
    await e.goto('/orgs/new');
    await e.getByLabel('Name', { exact: true }).fill(orgName);
    await e.getByLabel('Slug').fill(slug);
    await e.getByLabel('Mission').fill('Safe water for every village, one well at a time.');
    await e.getByLabel('Website').fill('https://example.org/wells');
    await e.getByRole('checkbox', { name: 'Water', exact: true }).check();
    await checkScreen(e, screen, 'create-organization');
    await e.getByRole('button', { name: 'Create organization' }).click();
    await expect(e).toHaveURL(new RegExp(`/orgs/${slug}/manage$`));
    await e.getByLabel('Title').fill(campaignTitle);
    await e.getByLabel('Goal kind').selectOption('MONEY');
    await e.getByLabel('Goal', { exact: true }).fill('1000');
    await e.getByLabel('Currency').fill('USD');
    await e.getByRole('button', { name: 'Create campaign' }).click();
    await expect(e.getByText('The campaign is created.')).toBeVisible();
    await expect(e.getByLabel('Campaign', { exact: true })).toContainText(campaignTitle);
    await checkScreen(e, screen, 'manage');

    // The supporter signs up, onboards and follows the organization.
    await signUp(
      s,
      screen,
      { email: `supporter-${sfx}@example.org`, handle: `supporter_${sfx}`, name: `Sam ${sfx}` },
      false,
    );
    await onboard(s, screen, false);
    await s.goto(`/orgs/${slug}`);
    const follow = s.getByRole('button', { name: `Follow ${orgName}` });
    await expect(follow).toHaveAttribute('aria-pressed', 'false');
    await follow.click();
    await expect(follow).toHaveAttribute('aria-pressed', 'true');
    await expect(s.getByText('1 follower')).toBeVisible();
    await checkScreen(s, screen, 'organization');

    // The supporter's feed is open; the editor posts; the update arrives without a reload.
    await openLiveFeed(s, `supporter_${sfx}`, () => s.getByRole('link', { name: 'Home' }).click());
    await expect(s.getByRole('heading', { name: 'Your feed' })).toBeVisible();
    const feed = s.getByRole('feed');
    await s.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const body = `A new well opened in Kisumu today (${sfx}).`;
    await e.getByLabel('Update', { exact: true }).fill(body);
    await e.getByRole('checkbox', { name: 'Water', exact: true }).check();
    await e.getByLabel('Campaign', { exact: true }).selectOption({ label: campaignTitle });
    await e.getByRole('button', { name: 'Post update' }).click();
    await expect(e.getByText('Your update is posted.')).toBeVisible();
    const newUpdates = s.getByRole('button', { name: /^\d+ new updates?$/ });
    await expect(newUpdates).toBeVisible({ timeout: 20_000 });
    await newUpdates.click();
    const article = feed.getByRole('article').filter({ hasText: body });
    await expect(article).toBeVisible();
    const updateHref = await article.locator('a:has(time)').getAttribute('href');
    expect(await s.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(
      true,
    );
    await checkScreen(s, screen, 'feed');

    // Both open the campaign page; the supporter pledges with the keyboard alone.
    await article.getByRole('link', { name: campaignTitle }).click();
    await expect(s.getByRole('heading', { name: campaignTitle, level: 1 })).toBeVisible();
    const campaignUrl = s.url();
    await afterSubscribe(e, 'campaignProgress', () => e.goto(campaignUrl));
    await expect(progress(e, campaignTitle)).toHaveAttribute(
      'aria-valuetext',
      '$0.00 of $1,000.00',
    );
    const badge = e.getByRole('link', { name: /^Notifications/ });
    const unreadBefore = Number(
      ((await badge.getAttribute('aria-label')) ?? '').match(/(\d+) unread/)?.[1] ?? 0,
    );

    await s.getByLabel('Amount').focus();
    await s.keyboard.type('25');
    await s.keyboard.press('Enter');
    await s.keyboard.press('Enter'); // pressed again while the first is on its way: still one pledge
    await expect(
      s.getByRole('status').filter({ hasText: 'Thank you! You pledged $25.00.' }),
    ).toBeVisible();
    for (const p of [s, e]) {
      await expect(progress(p, campaignTitle)).toHaveAttribute(
        'aria-valuetext',
        '$25.00 of $1,000.00',
      );
      await expect(progress(p, campaignTitle)).toHaveAttribute('aria-valuenow', '2500');
      await expect(progress(p, campaignTitle)).toHaveAttribute('aria-valuemax', '100000');
    }
    await expect(s.getByText('1 pledge', { exact: true })).toBeVisible();
    await expect(s.getByRole('button', { name: 'Cancel pledge' })).toHaveCount(1);
    await checkScreen(s, screen, 'campaign');

    // The editor's badge rises live; the editor marks the pledge fulfilled.
    await expect(badge).toHaveAccessibleName(
      new RegExp(`^Notifications, ${unreadBefore + 1} unread$`),
      { timeout: 20_000 },
    );
    await e.goto('/notifications');
    await expect(
      e.getByRole('link', { name: new RegExp(`pledged to ${campaignTitle}`) }),
    ).toBeVisible();
    await checkScreen(e, screen, 'notifications');
    await e.goto(`/orgs/${slug}/manage`);
    const fulfil = e.getByRole('button', { name: 'Mark fulfilled' });
    await expect(fulfil).toHaveCount(1);
    await fulfil.click();
    await expect(fulfil).toHaveCount(0);
    await expect(e.getByText(/Fulfilled/).first()).toBeVisible();
    // The API's refusals are shown as they are: the last OWNER cannot step down.
    await e.getByLabel(`Role of Edna ${sfx}`).selectOption('EDITOR');
    await expect(e.getByRole('alert')).toHaveText('An organization must keep at least one OWNER.');
    await expect(e.getByLabel(`Role of Edna ${sfx}`)).toHaveValue('OWNER');

    // A reload keeps the session; nothing token-like is in storage; the cookie is HttpOnly and Strict.
    await s.reload();
    await expect(s.getByRole('button', { name: 'Log out' })).toBeVisible();
    await expect(s.getByRole('button', { name: 'Pledge' })).toBeVisible();
    const stored = await s.evaluate(() =>
      JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
    );
    expect(stored).not.toMatch(/eyJ|token|refresh/i);
    const cookies = await supporter.context.cookies();
    const refresh = cookies.find((c) => c.name === 'causeway_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth' });
    expect(stored).not.toContain(refresh!.value);
    await s.goto('/me/pledges');
    await expect(s.getByRole('link', { name: campaignTitle })).toBeVisible();
    await expect(s.getByText(/Fulfilled/)).toBeVisible();
    await checkScreen(s, screen, 'my-pledges');

    // The other screens a supporter meets.
    await s.goto('/causes');
    await expect(s.getByRole('link', { name: 'Water', exact: true })).toBeVisible();
    await checkScreen(s, screen, 'causes');
    await s.goto('/causes/water');
    await expect(s.getByRole('heading', { name: 'Water', level: 1 })).toBeVisible();
    await expect(
      s.getByRole('main').getByRole('progressbar', { name: campaignTitle }),
    ).toHaveAttribute('aria-valuetext', '$25.00 of $1,000.00');
    await checkScreen(s, screen, 'cause');
    await s.goto(`/search?q=${encodeURIComponent('Clean Wells')}`);
    await expect(s.getByRole('link', { name: orgName })).toBeVisible();
    await checkScreen(s, screen, 'search');
    await s.goto(`/@editor_${sfx}`);
    await expect(s.getByRole('heading', { name: `Edna ${sfx}`, level: 1 })).toBeVisible();
    await checkScreen(s, screen, 'profile');
    await s.goto('/settings');
    await expect(s.getByLabel('Display name')).toHaveValue(`Sam ${sfx}`);
    await checkScreen(s, screen, 'settings');
    await s.goto('/campaigns/00000000-0000-7000-8000-000000000000');
    await expect(s.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await checkScreen(s, screen, 'not-found');
    await s.goto(updateHref!);
    await expect(s.getByText(body)).toBeVisible();
    await s.getByLabel('Comment', { exact: true }).fill(`Wonderful news ${sfx}`);
    await s.getByRole('button', { name: 'Add comment' }).click();
    await expect(s.getByText(`Wonderful news ${sfx}`)).toBeVisible();
    await checkScreen(s, screen, 'update');

    // Log out ends the session; a reload stays signed out.
    const header = s.getByRole('banner');
    await header.getByRole('button', { name: 'Log out' }).click();
    await expect(header.getByRole('link', { name: 'Log in' })).toBeVisible();
    await s.reload();
    await expect(header.getByRole('link', { name: 'Log in' })).toBeVisible();

    await editor.context.close();
    await supporter.context.close();
  });
}
