import AxeBuilder from '@axe-core/playwright';
import {
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const baseUrl = () => {
  const url = process.env.CAUSEWAY_WEB_URL;
  if (!url) throw new Error('CAUSEWAY_WEB_URL is not set (the global setup starts the API)');
  return url;
};

export type Screen = 'desktop' | 'mobile';
export const VIEWPORTS: Record<Screen, { width: number; height: number }> = {
  desktop: { width: 1280, height: 900 },
  mobile: { width: 390, height: 844 },
};

export async function newPerson(
  browser: Browser,
  screen: Screen,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: VIEWPORTS[screen],
    isMobile: screen === 'mobile',
    hasTouch: screen === 'mobile',
  });
  const page = await context.newPage();
  recordFrames(page);
  return { context, page };
}

/** No serious or critical axe violation (WCAG 2.2 AA rules) on what the page shows now. */
export async function expectAccessible(page: Page, screen: string) {
  // Target size (2.5.8) is about a control's own size and spacing; a control momentarily scrolled
  // under the sticky header or the phone's tab bar is 2.4.11's matter (the app's scroll-padding).
  // So the bars are laid out in the flow while axe measures, or what it reports depends on scrolling.
  const unpin = await page.addStyleTag({
    content: '[data-fixed-bar] { position: static !important; }',
  });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  await unpin.evaluate((el) => (el as Element).remove());
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(bad, `axe on ${screen}`).toEqual([]);
}

/** A 390 px wide screen shows the page without horizontal scrolling. */
export async function expectNoHorizontalScroll(page: Page, screen: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal overflow on ${screen}`).toBeLessThanOrEqual(0);
}

/** Checks each screen the loop visits: axe, and on mobile no horizontal scroll; saves a screenshot when asked. */
export async function checkScreen(page: Page, screen: Screen, name: string, shown?: Locator) {
  await page.locator('main').waitFor();
  await expectAccessible(page, `${name} (${screen})`);
  if (screen === 'mobile') await expectNoHorizontalScroll(page, name);
  const dir = process.env.CAUSEWAY_WEB_SCREENSHOTS;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    if (shown) await shown.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    else await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: join(dir, `${name}-${screen}.png`),
      fullPage: false,
      animations: 'disabled',
    });
  }
}

const sentFrames = new WeakMap<Page, string[]>();

/** Keeps every WebSocket frame the page sends (on every socket it opens). */
function recordFrames(page: Page) {
  const frames: string[] = [];
  sentFrames.set(page, frames);
  page.on('websocket', (ws) => ws.on('framesent', (frame) => frames.push(String(frame.payload))));
}

/**
 * Runs `action`, then waits until the page has sent a graphql-ws subscribe frame containing
 * `needle` since `action` began (hard timeout).
 */
export async function afterSubscribe(
  page: Page,
  needle: string,
  action: () => Promise<unknown>,
  timeoutMs = 15_000,
): Promise<void> {
  const frames = sentFrames.get(page)!;
  const from = frames.length;
  await action();
  await expect
    .poll(() => frames.slice(from).some((f) => f.includes('"subscribe"') && f.includes(needle)), {
      timeout: timeoutMs,
      message: `a subscription to ${needle}`,
    })
    .toBe(true);
}

/**
 * Opens the home feed with `open` and waits until the API has registered this person's live feed
 * (a feed_listeners row written after `open` began; the API keeps rows for 90 s), hard timeout.
 */
export async function openLiveFeed(
  page: Page,
  handle: string,
  open: () => Promise<void>,
  timeoutMs = 15_000,
): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.CAUSEWAY_WEB_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT now() AS t');
    await afterSubscribe(page, 'feedItemAdded', open, timeoutMs);
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { rowCount } = await client.query(
        `SELECT 1 FROM feed_listeners l JOIN users u ON u.id = l.user_id
         WHERE u.handle = $1 AND l.expires_at >= $2::timestamptz + interval '90 seconds'`,
        [handle.toLowerCase(), rows[0].t],
      );
      if (rowCount) return;
      if (Date.now() > until) throw new Error(`no live feed for @${handle} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
}
