import { expect, type Page, test } from '@playwright/test';
import { register } from './helpers';
import { onTick, openSymbol, placeOrder, shownPrice } from './trading-support';

// RELIABILITY R5: the client order id is stored before sending, so a reload between send and
// answer ends in exactly one order, never two and never a silent resend.
test.describe.configure({ timeout: 120_000 });
// page.route does not see requests a service worker answers: these journeys run without one.
test.use({ serviceWorkers: 'block' });

const PENDING_KEY = 'tw.pending-orders.v1';
const pendingStored = (page: Page) => page.evaluate((k) => localStorage.getItem(k), PENDING_KEY);

/** Sends the place from the ticket with its answer held back by `hold`, then reloads the page. */
async function sendThenReload(page: Page, hold: 'forward' | 'drop'): Promise<string> {
  await register(page);
  await openSymbol(page, 'BTC-USD');
  const price = onTick((await shownPrice(page, 'trade-bid')) * 0.97);
  let reached: () => void = () => {};
  const held = new Promise<void>((ok) => {
    reached = ok;
  });
  let release: () => void = () => {};
  const released = new Promise<void>((ok) => {
    release = ok;
  });
  await page.route('**/trpc/trading.place*', async (route) => {
    // forward: core takes the order but the answer never reaches the page; drop: it never leaves.
    if (hold === 'forward') await route.fetch();
    reached();
    // Held until the page is gone: the page never sees an answer, nor an error.
    await released;
    await route.abort().catch(() => {});
  });
  await placeOrder(page, { side: 'Buy', type: 'limit', quantity: '0.01', price });
  await held;
  await expect(page.getByRole('button', { name: 'Sending…' })).toBeVisible();
  expect(await pendingStored(page)).toContain('"clientOrderId":"pwa-');
  await page.reload();
  release();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  return price;
}

async function expectExactlyOneOpenOrder(page: Page, price: string): Promise<void> {
  await page.getByRole('link', { name: 'Orders' }).click();
  const open = page.getByTestId('open-orders').locator('li');
  await expect(open).toHaveCount(1);
  await expect(open.first()).toContainText(price.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  expect(await pendingStored(page)).toBeNull();
}

test('reload after the order reached core but before its answer: the app shows it as placed, once', async ({
  page,
}) => {
  const price = await sendThenReload(page, 'forward');
  const row = page.getByTestId('pending-order');
  await expect(row).toHaveAttribute('data-state', 'placed', { timeout: 30_000 });
  await expect(row).toContainText(/placed before the page reloaded: Buy 0\.01 BTC-USD limit .*\(#\d+, accepted\)/);
  await row.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByTestId('pending-orders')).toHaveCount(0);
  await expectExactlyOneOpenOrder(page, price);
});

test('reload before the order left the page: shown as not sent, sent only when asked, exactly one order', async ({
  page,
}) => {
  const price = await sendThenReload(page, 'drop');
  const row = page.getByTestId('pending-order');
  await expect(row).toHaveAttribute('data-state', 'not-sent', { timeout: 30_000 });
  await expect(row).toContainText('was not sent');
  // Nothing was sent by itself: no open order until the user decides.
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('no-open-orders')).toBeVisible();
  await row.getByRole('button', { name: 'Send it now' }).click();
  await expect(row).toHaveAttribute('data-state', 'placed');
  await expectExactlyOneOpenOrder(page, price);
});
