import { expect, test } from '@playwright/test';
import { register } from './helpers';

// A live strategy on the simulated market: each step waits for core.
test.describe.configure({ timeout: 120_000 });

test("a strategy's sub-account has its own report, the family's report sums it in, and both reconcile", async ({
  page,
}) => {
  await register(page);
  await page.getByRole('link', { name: 'Strategies' }).click();
  const form = page.getByTestId('deploy-form');
  await form.getByLabel('Strategy').selectOption('market-maker');
  await form.getByLabel('Quoted spread around the last close (bps)').fill('20');
  await form.getByLabel('Symbol').selectOption('BTC-USD');
  await form.getByLabel('Bars').selectOption('1s');
  await form.getByLabel(/Sub-account cash/).fill('10000.00');
  await form.getByRole('button', { name: 'Deploy' }).click();
  await expect(page.getByTestId('deployment').first().getByTestId('deployment-status')).toHaveText('running');

  await page.goto('/#/reports');
  const scope = page.getByTestId('report-scope');
  const options = scope.locator('option');
  await expect(options).toHaveCount(4); // the account, with its sub-accounts, the sub-account, the strategy
  await expect(options.nth(1)).toHaveText(/with sub-accounts$/);
  await expect(options.nth(2)).toHaveText(/\(sub-account\)$/);
  await expect(options.nth(3)).toHaveText(/^Strategy market-maker · .* \(running\)$/);
  const reconciled = page.getByTestId('reconciled');

  // The parent: its opening cash, the allocation going out.
  await expect(reconciled).toHaveText(/Reconciles with the account balance/);
  await expect(page.locator('.report-transactions')).toContainText('Transfers-10000.00');

  // The sub-account: the allocation coming in, and whatever the market maker traded.
  await scope.selectOption({ index: 2 });
  await expect(page.locator('.report-transactions')).toContainText('Transfers10000.00');
  await expect(reconciled).toHaveText(/Reconciles with the account balance/);

  // The family: transfers cancel; the balance is both accounts' together.
  await scope.selectOption({ index: 1 });
  await expect(page.locator('.report-transactions')).toContainText('Transfers0.00');
  await expect(page.locator('.report-transactions')).toContainText('Deposits100000.00');
  await expect(reconciled).toHaveText(/Reconciles with the account balance/);

  // The strategy: on its own sub-account, its equity curve is the strategy's (no note saying
  // otherwise), with its round-trip statistics and its own trade history.
  await scope.selectOption({ index: 3 });
  await expect(page.getByTestId('report-trade-stats')).toContainText('Round trips');
  await expect(page.getByTestId('trade-history')).toBeVisible();
  await expect(page.getByText(/whole account's/)).toHaveCount(0);
});
