import { expect, test } from '@playwright/test';
import { register } from './helpers';
import { openSymbol } from './trading-support';

test('offline, order entry is disabled with a clear message and nothing is queued', async ({ page, context }) => {
  await register(page);
  await openSymbol(page, 'AAPL');
  await page.getByLabel('Quantity').fill('1');
  await context.setOffline(true);
  await expect(page.getByTestId('trading-offline')).toContainText(/offline/i);
  await expect(page.getByRole('button', { name: /review buy order/i })).toBeDisabled();
  await context.setOffline(false);
  await expect(page.getByRole('button', { name: /review buy order/i })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByTestId('no-open-orders')).toBeVisible();
});
