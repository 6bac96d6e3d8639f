import { expect, test } from '@playwright/test';
import { register } from './helpers';

// A live strategy trades on the simulated market in real time: each step waits for it.
test.describe.configure({ timeout: 120_000 });

test('deploy a market maker on a sub-account, watch it quote with live PnL, stop it', async ({ page }) => {
  await register(page);
  await page.getByRole('link', { name: 'Strategies' }).click();
  const form = page.getByTestId('deploy-form');
  await form.getByLabel('Strategy').selectOption('market-maker');

  // Outside the schema: refused on the form, nothing deployed.
  await form.getByLabel('Quoted spread around the last close (bps)').fill('0');
  await form.getByRole('button', { name: 'Deploy' }).click();
  await expect(page.getByTestId('deploy-invalid')).toContainText('spreadBps');
  await expect(page.getByTestId('deployment')).toHaveCount(0);

  await form.getByLabel('Quoted spread around the last close (bps)').fill('20');
  await form.getByLabel('Symbol').selectOption('BTC-USD');
  await form.getByLabel('Bars').selectOption('1s');
  await form.getByLabel(/Sub-account cash/).fill('10000.00');
  await form.getByRole('button', { name: 'Deploy' }).click();

  const row = page.getByTestId('deployment').first();
  await expect(row.getByTestId('deployment-status')).toHaveText('running');
  await expect(row).toContainText('sub-account 10000.00 USD');
  await expect(row.getByTestId('deployment-pnl')).toContainText(/PnL -?\d+\.\d\d/);

  await row.getByRole('link').click();
  const detail = page.getByTestId('deployment-detail');
  // Its quotes reach the book within a few 1-second bars; the screen re-reads every 2 s.
  await expect(detail.getByTestId('detail-orders').locator('tr').first()).toBeVisible({ timeout: 30_000 });
  await expect(detail).toContainText('sub-account, 10000.00 USD');
  await expect(detail.getByTestId('detail-pnl')).toContainText(/-?\d+\.\d\d USD/);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('deployment-status')).toHaveText('stopped');
  await expect(detail).toContainText('stopped by its owner');
  // None of its orders is left working: each is filled or cancelled. (Whether it had a quote open at
  // the click is the market's luck: a quote can fill just before. That stop cancels open quotes is
  // proven in core: strategy-runner.test.ts, "stop cancels its own open orders only".)
  const orders = detail.locator('[data-testid="detail-orders"] tr[data-status]');
  await expect(orders.first()).toBeVisible();
  const working = ['accepted', 'triggered', 'partially_filled'];
  await expect
    .poll(async () =>
      (await orders.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).filter((st) =>
        working.includes(st ?? ''),
      ),
    )
    .toEqual([]);
});
