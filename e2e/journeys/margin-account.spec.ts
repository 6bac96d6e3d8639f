import { expect, test } from '@playwright/test';
import { register } from './helpers';
import { openSymbol, placeOrder } from './trading-support';

test.describe.configure({ timeout: 120_000 });

// The simulated market is random and has no price hook, so the margin call and the liquidation
// themselves are proven in core (trading/margin-accounts.test.ts: MarkPrices through the venue's
// own entry) and the banner's state in the PWA's unit tests; this journey covers the user's path.
test('a user opens a 10× margin account, trades beyond their cash on it, and sees the margin in use', async ({
  page,
}) => {
  await register(page);
  await page.getByRole('link', { name: 'Portfolio' }).click();
  await page.getByTestId('open-margin').getByLabel('Leverage').selectOption('10');
  await page.getByRole('button', { name: 'Open a margin account' }).click();
  await expect(page.getByTestId('account-select')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByTestId('account-select').locator('option:checked')).toHaveText('Margin · 10× margin');
  await expect(page.getByTestId('margin-usage')).toContainText('Margin (10×)');

  // ~1.2 BTC is worth more than the 100,000 USD of cash: only the margin account may buy it.
  await openSymbol(page, 'BTC-USD');
  await expect(page.getByTestId('ticket-account')).toHaveText('On Margin · 10× margin');
  await placeOrder(page, { side: 'Buy', type: 'market', quantity: '1.2' });
  await expect(page.getByTestId('order-accepted')).toContainText(/accepted/i);

  await page.getByRole('link', { name: 'Portfolio' }).click();
  await expect(page.getByTestId('positions')).toContainText('BTC-USD');
  await expect(page.getByTestId('margin-used')).not.toHaveText(/^(0\.00|\u2014)$/);
  await expect(page.getByTestId('margin-level')).toHaveText(/^[\d,]+\.\d%$/);
  await expect(page.getByTestId('cash-balance')).toHaveText(/^-/);

  // Reports open on the account the user trades on, not simply their first one.
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByTestId('report-scope').locator('option:checked')).toHaveText('Margin');
  await page.getByRole('link', { name: 'Portfolio' }).click();

  // The cash account, chosen again, is refused the same order for buying power.
  await page.getByTestId('account-select').selectOption({ label: 'Paper · cash' });
  await expect(page.getByTestId('margin-usage')).toHaveCount(0);
  await openSymbol(page, 'BTC-USD');
  await placeOrder(page, { side: 'Buy', type: 'market', quantity: '1.2' });
  await expect(page.getByTestId('order-rejected')).toContainText(/buying power|funds/i);
});
