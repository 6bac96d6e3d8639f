import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { PASSWORD } from './helpers';
import { dataOf, openSymbol, placeOrder, shownPrice, TrpcHttp } from './trading-support';

// Trading journeys on a shared 2-core machine: each step waits for the live market.
test.describe.configure({ timeout: 120_000 });

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/#/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('user-email')).toHaveText(email);
}

/** RFC 4180 records (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

type Fill = {
  tradeId: string;
  orderId: string;
  symbol: string;
  side: string;
  price: string;
  quantity: string;
  fee: string;
};

test('a user with fills downloads the trade CSV and its rows are exactly their fills', async ({ page, request }) => {
  const api = new TrpcHttp(request);
  const { email, accountId } = await api.register();
  await logIn(page, email);
  await openSymbol(page, 'BTC-USD');
  await shownPrice(page, 'trade-ask');
  await placeOrder(page, { side: 'Buy', type: 'market', quantity: '0.01' });
  await expect(page.getByTestId('order-accepted')).toContainText(/accepted/i);
  await placeOrder(page, { side: 'Sell', type: 'market', quantity: '0.004' });
  await expect(page.getByTestId('order-accepted')).toContainText(/accepted/i);

  const fills = await expect
    .poll(async () => dataOf<{ items: Fill[] }>(await api.query('reports.trades', { accountId })).items, {
      timeout: 30_000,
    })
    .toHaveLength(2)
    .then(async () => dataOf<{ items: Fill[] }>(await api.query('reports.trades', { accountId })).items);

  await page.goto('/#/reports');
  await expect(page.getByTestId('trade-history').locator('tbody tr')).toHaveCount(fills.length);
  await expect(page.getByTestId('reconciled')).toHaveText(/Reconciles with the account balance/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-trades').click()]);
  expect(download.suggestedFilename()).toBe('trades.csv');
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  expect(header).toEqual([
    'time_utc',
    'trade_id',
    'order_id',
    'client_order_id',
    'symbol',
    'side',
    'quantity',
    'price',
    'fee',
    'liquidity',
    'account_id',
    'deployment_id',
  ]);
  const pick = (r: string[]) => [r[1], r[2], r[4], r[5], r[6], r[7], r[8]];
  expect(rows.map(pick)).toEqual(
    fills.map((f) => [f.tradeId, f.orderId, f.symbol, f.side, f.quantity, f.price, f.fee]),
  );
  expect(rows.map((r) => r[5])).toEqual(['sell', 'buy']);
  expect(rows.map((r) => [r[10], r[11]])).toEqual([
    [accountId, ''],
    [accountId, ''],
  ]);
  // Bought 0.01, sold 0.004: one round trip closed (FIFO), the rest still open.
  const stats = page.getByTestId('report-trade-stats');
  await expect(stats).toContainText('Round trips1');
  await expect(page.getByText('1 position(s) still open')).toBeVisible();
});

test('a price alert is created in the app, listed, and deleted', async ({ page, request }) => {
  // Registered through the separate request context: page.request would share the page's cookies (already signed in).
  const api = new TrpcHttp(request);
  const { email } = await api.register();
  await logIn(page, email);
  await page.getByRole('link', { name: 'Alerts' }).click();
  const form = page.getByTestId('alert-form');
  await form.getByLabel('Symbol').selectOption('BTC-USD');
  await form.getByLabel('When the price').selectOption('above');
  await form.getByLabel('Price', { exact: true }).fill('120000.00');
  await form.getByRole('button', { name: 'Create alert' }).click();
  const item = page.getByTestId('alert-list').locator('li');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('BTC-USD goes above 120000.00');
  await form.getByLabel('Price', { exact: true }).fill('1.001');
  await form.getByRole('button', { name: 'Create alert' }).click();
  await expect(page.getByRole('alert')).toContainText(/not a multiple of 0\.01/);
  await item.getByRole('button', { name: /Delete alert/ }).click();
  await expect(page.getByText('No alerts yet.')).toBeVisible();
});
