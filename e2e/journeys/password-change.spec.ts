import { expect, type Page, test } from '@playwright/test';
import { logIn, PASSWORD, register } from './helpers';

const NEW_PASSWORD = 'a fresh passphrase for the journey';

async function fillPasswordForm(page: Page, current: string, next: string, confirm = next): Promise<void> {
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Confirm new password').fill(confirm);
  await page.getByRole('button', { name: 'Change password' }).click();
}

test('changing the password signs the other device out; the old password stops working and the new one works', async ({
  page,
  browser,
}) => {
  const email = await register(page);
  // The same user on a second device (its own cookies), with its market socket signed in.
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  await logIn(laptop, email);
  await laptop.getByRole('link', { name: 'Portfolio' }).click();
  await expect(laptop.getByRole('heading', { name: 'Portfolio' })).toBeVisible();

  await page.getByTestId('user-email').click();
  await expect(page.getByRole('heading', { name: 'Password and security' })).toBeVisible();
  // The browser checks with the server's schema before anything is sent ...
  await fillPasswordForm(page, PASSWORD, 'short');
  await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
  await fillPasswordForm(page, PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}!`);
  await expect(page.getByText('The two new passwords are not the same.')).toBeVisible();
  // ... and the server's refusal is shown as it is, with nothing changed.
  await fillPasswordForm(page, 'not my password at all', NEW_PASSWORD);
  await expect(page.getByRole('alert')).toHaveText('Your current password is not correct.');
  await expect(laptop.getByTestId('user-email')).toHaveText(email);

  await fillPasswordForm(page, PASSWORD, NEW_PASSWORD);
  await expect(page.getByTestId('password-changed')).toBeVisible();

  // The other device is signed out (core closed its socket; its refresh was refused) and told why.
  await expect(laptop.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(laptop.getByRole('alert')).toContainText('your password was changed');
  await expect(laptop.getByTestId('user-email')).toHaveCount(0);

  // This device stays signed in, across a reload too (its new refresh cookie works).
  await page.reload();
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await page.goto('/#/inbox');
  await expect(page.getByText('Your password was changed')).toBeVisible();

  // The old password no longer signs in; the new one does.
  await laptop.getByLabel('Email').fill(email);
  await laptop.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await laptop.getByRole('button', { name: 'Log in' }).click();
  await expect(laptop.getByRole('alert')).toHaveText('Invalid e-mail or password.');
  await laptop.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await laptop.getByRole('button', { name: 'Log in' }).click();
  await expect(laptop.getByTestId('user-email')).toHaveText(email);
  await laptopContext.close();
});
