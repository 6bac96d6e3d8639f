import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'correct horse battery staple';

/** A fresh e-mail per test so that journeys never depend on each other. */
export function newEmail(): string {
  return `trader-${randomBytes(5).toString('hex')}@example.com`;
}

export async function register(page: Page, email = newEmail()): Promise<string> {
  await page.goto('/#/register');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /create account|register|sign up/i }).click();
  await expect(page.getByTestId('user-email')).toHaveText(email);
  return email;
}

/** Logs in from the login screen and waits until the top bar shows the user. */
export async function logIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/#/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('user-email')).toHaveText(email);
}

/** Resolves once the service worker controls the page (precache done, offline-ready). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((ok) => navigator.serviceWorker.addEventListener('controllerchange', () => ok()));
  });
}
