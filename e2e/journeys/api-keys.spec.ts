import { expect, test } from '@playwright/test';
import { CORE_PORT } from '../playwright.config';
import { register } from './helpers';
import { onTick, openSymbol, shownPrice } from './trading-support';

test.describe.configure({ timeout: 120_000 });

const CORE = `http://127.0.0.1:${CORE_PORT}`;

test('a key created in the app trades over REST as its owner, is shown once, and stops working once revoked', async ({
  page,
  request,
}) => {
  await register(page);
  await openSymbol(page, 'BTC-USD');
  const bid = await shownPrice(page, 'trade-bid');

  await page.getByRole('link', { name: 'Portfolio' }).click();
  await page.getByTestId('api-keys-link').click();
  await page.getByLabel('Name').fill('journey bot');
  await page.getByLabel(/trade \(place/).check();
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByTestId('api-key-secret').inputValue();
  expect(key).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
  const curl = (await page.getByTestId('api-key-curl').textContent()) ?? '';
  expect(curl).toContain(`Authorization: ApiKey ${key}`);
  const accountId = /\/v1\/accounts\/([0-9a-f-]{36})\/balances/.exec(curl)?.[1];
  if (!accountId) throw new Error(`no account id in ${curl}`);

  // The script's view: core's REST API with the key.
  const headers = { authorization: `ApiKey ${key}` };
  const balances = await request.get(`${CORE}/v1/accounts/${accountId}/balances`, { headers });
  expect(balances.status()).toBe(200);
  const price = onTick(bid * 0.97);
  const placed = await request.post(`${CORE}/v1/orders`, {
    headers,
    data: {
      accountId,
      place: {
        kind: 'single',
        order: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.01', price, clientOrderId: 'bot-1' },
      },
    },
  });
  expect([placed.status(), await placed.json()]).toMatchObject([200, { ok: true, clientOrderId: 'bot-1' }]);

  // Shown once: after "Done" the secret is nowhere on the page, and the list shows the key as used.
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('api-key-secret')).toHaveCount(0);
  await page.reload();
  const row = page.getByTestId('api-key-list').locator('li').first();
  await expect(row).toContainText('journey bot');
  await expect(row).not.toContainText('last used never');
  expect(await page.content()).not.toContain(key.split('.')[1]);

  // The order the script placed is the user's own: it is in the app's open orders.
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('open-orders').locator('li').first()).toContainText('BTC-USD');

  // Revoked in the app → core refuses the key within its cache time (5 s).
  await page.goto('/#/settings/api-keys');
  await page.getByRole('button', { name: 'Revoke journey bot', exact: true }).click();
  await page.getByRole('button', { name: 'Revoke journey bot now' }).click();
  await expect(page.getByTestId('api-key-list').locator('li').first()).toHaveAttribute('data-status', 'revoked');
  await expect
    .poll(async () => (await request.get(`${CORE}/v1/accounts/${accountId}/orders`, { headers })).status(), {
      timeout: 15_000,
      intervals: [500],
    })
    .toBe(401);
});
