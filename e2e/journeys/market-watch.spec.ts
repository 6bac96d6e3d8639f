import { expect, test } from '@playwright/test';
import { PASSWORD, register, waitForServiceWorker } from './helpers';

test('register, log out, log in, and watch simulated prices move', async ({ page }) => {
  const email = await register(page);
  await page.getByRole('button', { name: /log ?out|sign ?out/i }).click();
  await page.goto('/#/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: /log ?in|sign ?in/i }).click();
  await expect(page.getByRole('alert')).toContainText(/invalid e-?mail or password/i);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /log ?in|sign ?in/i }).click();
  await expect(page.getByTestId('user-email')).toHaveText(email);

  await expect(page.getByTestId('connection-status')).toHaveText(/live/i);
  const price = page.getByTestId('price-BTC-USD');
  await expect(price).toHaveText(/^\$?[\d,]+\.\d+$/);
  const first = await price.textContent();
  // The feed ticks several times a second: the price must visibly change, not just render.
  await expect(price).not.toHaveText(first ?? '', { timeout: 15_000 });
  await expect(page.locator('[data-testid^="row-"]')).toHaveCount(12);
});

test('after one online visit the app opens offline with stale prices clearly marked', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await expect(page.getByTestId('price-ETH-USD')).toHaveText(/\d/);
  // Wait until the app has persisted the last prices (it does so within seconds), then cut
  // the network and reload.
  await page.waitForFunction(() => (localStorage.getItem('tw.quotes.v1') ?? '').includes('ETH-USD'));
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('stale-banner')).toBeVisible();
  await expect(page.getByTestId('price-ETH-USD')).toHaveText(/\d/);
  await expect(page.getByTestId('connection-status')).toHaveText(/offline/i);
  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveText(/live/i, { timeout: 30_000 });
  await expect(page.getByTestId('stale-banner')).toBeHidden();
});
