import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

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

export async function newPerson(browser: Browser, screen: Screen): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: VIEWPORTS[screen], isMobile: screen === 'mobile', hasTouch: screen === 'mobile' });
  const page = await context.newPage();
  return { context, page };
}

/** No serious or critical axe violation (WCAG 2.2 AA rules) on what the page shows now. */
export async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad, `axe on ${screen}`).toEqual([]);
}

/** A 390 px wide screen shows the page without horizontal scrolling. */
export async function expectNoHorizontalScroll(page: Page, screen: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${screen}`).toBeLessThanOrEqual(0);
}

/** Checks each screen the loop visits: axe, and on mobile no horizontal scroll; saves a screenshot when asked. */
export async function checkScreen(page: Page, screen: Screen, name: string) {
  await page.locator('main').waitFor();
  await expectAccessible(page, `${name} (${screen})`);
  if (screen === 'mobile') await expectNoHorizontalScroll(page, name);
  const dir = process.env.CAUSEWAY_WEB_SCREENSHOTS;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}-${screen}.png`), fullPage: false, animations: 'disabled' });
  }
}
