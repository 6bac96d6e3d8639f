import { expect, type Page, test } from '@playwright/test';
import { newEmail, PASSWORD, waitForServiceWorker } from './helpers';

/** Candles the chart reports drawing (its `data-candles` attribute). */
async function candleCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('chart').getAttribute('data-candles')) ?? '0');
}

async function expectCandles(page: Page, atLeast = 1): Promise<void> {
  await expect(page.getByTestId('chart')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('chart').locator('canvas').first()).toBeVisible();
  await expect.poll(() => candleCount(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(atLeast);
}

test('a chart renders candles (history and live bars), switches interval and toggles studies', async ({ page }) => {
  await page.goto('/#/trade/BTC-USD');
  await page.getByTestId('chart-link').click();
  await expect(page).toHaveURL(/#\/chart\/BTC-USD$/);
  await waitForServiceWorker(page);
  // Loaded again now that the service worker controls the page, so it keeps the answer.
  await page.reload();
  await expectCandles(page);

  // Live: core's closed 1-second bars keep adding candles at the 1s interval.
  await page.getByRole('button', { name: '1s', exact: true }).click();
  await expectCandles(page);
  const live = await candleCount(page);
  await expect.poll(() => candleCount(page), { timeout: 20_000 }).toBeGreaterThan(live + 2);

  await page.getByRole('button', { name: '5m', exact: true }).click();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-interval', '5m');
  await expectCandles(page);

  const canvases = () => page.getByTestId('chart').locator('canvas').count();
  const before = await canvases();
  await page.getByLabel('SMA 20').check();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-studies', 'sma');
  await page.getByLabel('RSI').check();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-studies', 'sma,rsi');
  await expect.poll(canvases).toBeGreaterThan(before); // the RSI pane is drawn
  await page.getByLabel('SMA 20').uncheck();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-studies', 'rsi');
});

test('history imported from a CSV file shows on the chart, which then opens offline', async ({
  page,
  context,
  request,
}) => {
  // The e2e stack runs with MD_CSV_IMPORT_ROLE=user (production default: admin only).
  const signedIn = await request.post('/trpc/auth.register', {
    data: { email: newEmail(), password: PASSWORD, displayName: 'Chartist' },
  });
  expect(signedIn.ok()).toBe(true);
  const token = ((await signedIn.json()) as { result: { data: { accessToken: string } } }).result.data.accessToken;
  const day = (offset: number) => new Date(Date.UTC(2026, 0, 5 + offset)).toISOString().slice(0, 10);
  const csv = [
    'Date,Open,High,Low,Close,Volume',
    `${day(0)},180.00,182.50,179.10,181.20,1000`,
    `${day(1)},181.20,184.00,180.90,183.75,1200`,
    `${day(2)},183.75,185.10,182.00,182.40,900`,
  ].join('\n');
  const imported = await request.post('/trpc/market.importCsv', {
    data: { symbol: 'NVDA', csv },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(await imported.json()).toMatchObject({ result: { data: { ok: true, layout: 'stooq', rows: 3 } } });

  await page.goto('/#/chart/NVDA');
  await page.getByRole('button', { name: '1d', exact: true }).click();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-interval', '1d');
  await expectCandles(page, 3);

  // One visit under the service worker keeps the answer; offline, the chart opens from it.
  await waitForServiceWorker(page);
  await page.reload();
  await expectCandles(page, 3);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-interval', '1d');
  await expectCandles(page, 3);
  await context.setOffline(false);
});
