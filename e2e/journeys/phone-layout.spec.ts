import { expect, type Page, test } from '@playwright/test';
import { register } from './helpers';

test.describe.configure({ timeout: 120_000 });

const SCREENS = [
  '/#/',
  '/#/trade/BTC-USD',
  '/#/chart/BTC-USD',
  '/#/orders',
  '/#/portfolio',
  '/#/alerts',
  '/#/reports',
  '/#/backtest',
  '/#/strategies',
  '/#/inbox',
  '/#/import',
  '/#/settings/notifications', // its channel matrix is the widest thing the app draws
  '/#/settings/api-keys',
  '/#/settings/security',
];

/** How far the page is wider than the screen: a phone user would have to scroll sideways. */
const overflowPx = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Form controls and buttons reaching past the screen's right edge, unless they sit in a box that
 * scrolls sideways inside the screen (a wide table does that on purpose).
 */
const controlsPastEdge = (page: Page) =>
  page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 0.5;
    const inScrollBox = (el: Element) => {
      for (let a = el.parentElement; a !== null && a.id !== 'main'; a = a.parentElement) {
        const x = getComputedStyle(a).overflowX;
        if ((x === 'auto' || x === 'scroll') && a.getBoundingClientRect().right <= edge) return true;
      }
      return false;
    };
    return [...document.querySelectorAll('#main input, #main select, #main textarea, #main button')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > edge && !inScrollBox(el);
      })
      .map((el) => `${el.tagName.toLowerCase()}[name=${el.getAttribute('name') ?? ''}]`);
  });

for (const width of [390, 320]) {
  test(`every screen fits a ${width} px wide phone, tab bar included`, async ({ page }) => {
    await page.setViewportSize({ width, height: 740 });
    await register(page);
    for (const path of SCREENS) {
      await page.goto(path);
      await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
      // The screen itself, not its lazy chunk's placeholder, with its first data in.
      await expect(page.locator('#main h1, #main h2').first()).toBeVisible();
      await expect(page.locator('#main')).not.toContainText('Loading…');
      await page.waitForLoadState('networkidle');
      if (path.endsWith('/notifications')) await expect(page.getByTestId('pref-matrix')).toBeVisible();
      expect(await overflowPx(page), `${path} at ${width} px`).toBeLessThanOrEqual(0);
      expect(await controlsPastEdge(page), `${path} at ${width} px`).toEqual([]);
    }
    // A finished backtest: its report and the table of recent runs are the widest content.
    await page.goto('/#/backtest');
    // The live market's own 1-second bars of the last half hour (the form's range is in UTC).
    await page.locator('select[name="interval"]').selectOption('1s');
    await page.locator('input[name="from"]').fill(new Date(Date.now() - 30 * 60_000).toISOString().slice(0, 16));
    await page.locator('input[name="to"]').fill(new Date(Date.now() + 60_000).toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Run in browser' }).click();
    await expect(page.getByTestId('backtest-compare')).toBeVisible({ timeout: 30_000 });
    expect(await overflowPx(page), `backtest result at ${width} px`).toBeLessThanOrEqual(0);
    expect(await controlsPastEdge(page), `backtest result at ${width} px`).toEqual([]);
    if (width >= 390) {
      // Each tab's label is shown whole, not cut off with an ellipsis.
      const cut = await page
        .locator('nav.tabbar .tab span')
        .evaluateAll((spans) => spans.filter((s) => s.scrollWidth > s.clientWidth).map((s) => s.textContent));
      expect(cut).toEqual([]);
    }
  });
}
