import { expect, test } from '@playwright/test';
import { register } from './helpers';
import { onTick, openSymbol, placeOrder, shownPrice } from './trading-support';

// Whole trading journeys on a shared 2-core machine: each step waits for the live market.
test.describe.configure({ timeout: 120_000 });

test('a limit order rests, is modified, then cancelled', async ({ page }) => {
  await register(page);
  await openSymbol(page, 'BTC-USD');
  const bid = await shownPrice(page, 'trade-bid');
  // 3% under the bid: far enough that the simulated market cannot reach it during the test
  // (0.5% was reached on a loaded machine and the order filled), inside the 10% fat-finger band.
  const price = onTick(bid * 0.97);
  await placeOrder(page, { side: 'Buy', type: 'limit', quantity: '0.01', price });
  await expect(page.getByTestId('order-accepted')).toContainText(/accepted/i);

  await page.getByRole('link', { name: 'Orders' }).click();
  const order = page.getByTestId('open-orders').locator('li').first();
  await expect(order).toContainText(price.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  await expect(order.getByTestId('order-status')).toHaveText(/accepted/);

  const newPrice = onTick(bid * 0.965);
  await order.getByRole('button', { name: 'Modify' }).click();
  await order.getByLabel('New price').fill(newPrice);
  await order.getByRole('button', { name: 'Save changes' }).click();
  await expect(order).toContainText(newPrice.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

  await order.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('no-open-orders')).toBeVisible();
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('order-history').locator('li').first()).toContainText(/cancelled/);
});

test('a rejected order shows the reason in plain words, and nothing is placed', async ({ page }) => {
  await register(page);
  await openSymbol(page, 'BTC-USD');
  const ask = await shownPrice(page, 'trade-ask');
  // 10 BTC is worth far more than the 100,000 USD of a new paper account.
  await placeOrder(page, { side: 'Buy', type: 'limit', quantity: '10', price: onTick(ask) });
  const alert = page.getByTestId('order-rejected');
  await expect(alert).toContainText(/rejected/i);
  await expect(alert).toContainText(/buying power|funds/i);
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('no-open-orders')).toBeVisible();
});

test('the kill switch cancels every open order and halts the account until resumed', async ({ page }) => {
  await register(page);
  await openSymbol(page, 'AAPL');
  const bid = await shownPrice(page, 'trade-bid');
  await placeOrder(page, { side: 'Buy', type: 'limit', quantity: '1', price: onTick(bid * 0.97) });
  await expect(page.getByTestId('order-accepted')).toContainText(/accepted/i);

  await page.getByRole('link', { name: 'Portfolio' }).click();
  await page.getByRole('button', { name: 'Engage kill switch' }).click();
  await page.getByRole('button', { name: 'Cancel all and halt' }).click();
  await expect(page.getByTestId('kill-switch-result')).toContainText(/1 open order\(s\) cancelled, trading halted/);

  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('no-open-orders')).toBeVisible();
  await openSymbol(page, 'AAPL');
  await placeOrder(page, { side: 'Buy', type: 'limit', quantity: '1', price: onTick(bid * 0.97) });
  await expect(page.getByTestId('order-rejected')).toContainText(/halt/i);

  await page.getByRole('link', { name: 'Portfolio' }).click();
  await page.getByRole('button', { name: 'Resume trading' }).click();
  await expect(page.getByTestId('kill-switch-result')).toContainText(/resumed/i);
  await openSymbol(page, 'AAPL');
  await placeOrder(page, { side: 'Buy', type: 'limit', quantity: '1', price: onTick(bid * 0.97) });
  await expect(page.getByTestId('order-accepted')).toContainText(/accepted/i);
});

// page.route does not see requests a service worker answers: this journey runs without one.
test.describe('a lost answer', () => {
  test.use({ serviceWorkers: 'block' });

  test('an order whose answer is lost is retried safely: exactly one order', async ({ page }) => {
    await register(page);
    await openSymbol(page, 'AAPL');
    const bid = await shownPrice(page, 'trade-bid');
    // The first place reaches edge and core, but its answer never reaches the browser.
    let lost = 0;
    await page.route('**/trpc/trading.place*', async (route) => {
      if (lost > 0) return route.continue();
      lost += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await placeOrder(page, { side: 'Buy', type: 'limit', quantity: '1', price: onTick(bid * 0.97) });
    await expect(page.getByTestId('order-no-answer')).toContainText(/may or may not have been placed/);
    await page.getByRole('button', { name: 'Confirm order' }).click();
    await expect(page.getByTestId('order-accepted')).toContainText(/placed/i);
    expect(lost).toBe(1);
    await page.getByRole('link', { name: 'Orders' }).click();
    await expect(page.getByTestId('open-orders').locator('li')).toHaveCount(1);
  });
});
