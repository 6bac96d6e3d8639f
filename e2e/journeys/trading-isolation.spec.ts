import { expect, test } from '@playwright/test';
import { PASSWORD } from './helpers';
import { dataOf, onTick, shownPrice, TrpcHttp } from './trading-support';

// Whole trading journeys on a shared 2-core machine: each step waits for the live market.
test.describe.configure({ timeout: 120_000 });

test("a second user cannot see or touch the first user's orders", async ({ page, playwright, baseURL }) => {
  // A resting price: 3% under the live bid (inside the 10% fat-finger band).
  await page.goto('/#/trade/AAPL');
  const price = onTick((await shownPrice(page, 'trade-bid')) * 0.97);
  const alice = new TrpcHttp(await playwright.request.newContext({ baseURL }));
  const a = await alice.register();
  const placed = await alice.mutate('trading.place', {
    accountId: a.accountId,
    place: { kind: 'single', order: { symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', price } },
  });
  expect(placed.body.error?.message ?? '').toBe('');
  const orderId = dataOf<{ orderId: string }>(placed).orderId;
  const own = await alice.query('trading.openOrders', { accountId: a.accountId });
  expect(dataOf<{ orderId: string }[]>(own).map((o) => o.orderId)).toContain(orderId);

  const bob = new TrpcHttp(await playwright.request.newContext({ baseURL }));
  const b = await bob.register();
  for (const [path, input, kind] of [
    ['trading.openOrders', { accountId: a.accountId }, 'query'],
    ['trading.orderHistory', { accountId: a.accountId }, 'query'],
    ['trading.fills', { accountId: a.accountId }, 'query'],
    ['trading.positions', { accountId: a.accountId }, 'query'],
    ['trading.balances', { accountId: a.accountId }, 'query'],
    ['trading.cancel', { accountId: a.accountId, orderId }, 'mutate'],
    ['trading.modify', { accountId: a.accountId, orderId, quantity: '2' }, 'mutate'],
    ['trading.cancel', { accountId: b.accountId, orderId }, 'mutate'],
    ['trading.cancelAll', { accountId: a.accountId }, 'mutate'],
    ['trading.killSwitch', { accountId: a.accountId, engaged: true }, 'mutate'],
  ] as const) {
    const r = kind === 'query' ? await bob.query(path, input) : await bob.mutate(path, input);
    expect({ path, status: r.status, code: r.body.error?.data?.code }).toEqual({
      path,
      status: 404,
      code: 'NOT_FOUND',
    });
  }
  // Alice's order is untouched.
  const after = await alice.query('trading.openOrders', { accountId: a.accountId });
  expect(dataOf<{ orderId: string; price: string }[]>(after).find((o) => o.orderId === orderId)).toMatchObject({
    price,
    quantity: '1',
  });

  // Bob's browser shows none of it.
  await page.goto('/#/login');
  await page.getByLabel('Email').fill(b.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /log ?in/i }).click();
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('no-open-orders')).toBeVisible();
  await expect(page.getByText(`#${orderId}`, { exact: false })).toHaveCount(0);
});
