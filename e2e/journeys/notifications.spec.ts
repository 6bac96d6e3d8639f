import { expect, type Page, test } from '@playwright/test';
import { BASE_URL } from '../playwright.config';
import { PASSWORD, register, waitForServiceWorker } from './helpers';
import { dataOf, TrpcHttp } from './trading-support';

/**
 * The sandbox has no browser push service (Chromium's pushManager.subscribe needs Google's),
 * so the page's PushManager.subscribe returns a well-formed subscription to an https
 * endpoint that does not exist; everything else is real: the permission, the VAPID key from
 * edge, the stored subscription, the test notification in the inbox, and a push delivered
 * to the real service worker through CDP.
 */
async function stubPushService(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const p256dh = 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4';
    PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
      if (!options?.applicationServerKey) throw new Error('no applicationServerKey');
      const json = {
        endpoint: `https://push.invalid/e2e/${Math.random().toString(36).slice(2)}`,
        expirationTime: null,
        keys: { p256dh, auth: 'BTBZMqHH6r4Tts7J_aSIgg' },
      };
      return { ...json, toJSON: () => json } as unknown as PushSubscription;
    };
  });
}

async function serviceWorkerRegistrationId(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(BASE_URL) && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return { cdp, registrationId: await registrationId };
}

test('enable notifications, a push reaches the service worker and is shown, and the inbox updates', async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['notifications'], { origin: BASE_URL });
  await stubPushService(page);
  const email = await register(page);
  await waitForServiceWorker(page);

  await page.goto('/#/settings/notifications');
  await page.getByTestId('enable-push').click();
  await expect(page.getByTestId('enable-push-status')).toHaveAttribute('data-status', 'enabled');

  await page.goto('/#/inbox');
  await expect(page.getByTestId('inbox-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('inbox-list')).toContainText('Notifications are on');
  await expect(page.getByTestId('inbox-count')).toHaveText('1');

  // Something new on the server (as a script of the same user would cause it), then the push.
  const api = new TrpcHttp(request);
  const login = await api.mutate('auth.login', { email, password: PASSWORD });
  api.token = dataOf<{ accessToken: string }>(login).accessToken;
  const sent = dataOf<{ notificationId: number }>(await api.mutate('notifications.push.sendTest', {}));
  const { cdp, registrationId } = await serviceWorkerRegistrationId(page);
  const payload = {
    id: sent.notificationId,
    kind: 'order.filled',
    title: 'Order filled',
    body: 'BUY 0.01 BTC-USD @ 64000.00',
    url: '#/orders',
    tag: `tw-${sent.notificationId}`,
  };
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: BASE_URL,
    registrationId,
    data: JSON.stringify(payload),
  });

  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        const shown = await registration.getNotifications();
        return shown.map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          url: (n.data as { url: string }).url,
          actions: (n as Notification & { actions: { action: string }[] }).actions.map((a) => a.action),
        }));
      }),
    )
    .toEqual([
      {
        title: 'Order filled',
        body: 'BUY 0.01 BTC-USD @ 64000.00',
        tag: payload.tag,
        url: '/#/orders',
        actions: ['open', 'inbox'],
      },
    ]);
  // The worker told the page: the inbox refreshed without waiting for its poll.
  await expect(page.getByTestId('inbox-list').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('inbox-count')).toHaveText('2');

  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByTestId('inbox-count')).toHaveCount(0);
});

test('the preferences matrix saves and reads back', async ({ page }) => {
  await register(page);
  await page.goto('/#/settings/notifications');
  const telegramFills = page.getByLabel('Order filled by telegram');
  await expect(telegramFills).not.toBeChecked();
  await telegramFills.check();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByTestId('settings-status')).toHaveText('Preferences saved.');
  await page.reload();
  await expect(page.getByLabel('Order filled by telegram')).toBeChecked();
  await expect(page.getByLabel('Order filled by push')).toBeChecked();
});

test('a filled order arrives in the in-app inbox (core → bus → notification worker)', async ({ page, request }) => {
  const email = await register(page);
  const api = new TrpcHttp(request);
  api.token = dataOf<{ accessToken: string }>(
    await api.mutate('auth.login', { email, password: PASSWORD }),
  ).accessToken;
  const accountId = dataOf<{ accounts: { id: string }[] }>(await api.query('auth.me', undefined)).accounts[0]?.id;
  const placed = await api.mutate('trading.place', {
    accountId,
    place: { kind: 'single', order: { symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: '0.01' } },
  });
  expect(placed.body.error?.message ?? '').toBe('');
  const list = page.getByTestId('inbox-list');
  await expect(async () => {
    await page.goto('/#/inbox');
    await expect(list.locator('li[data-kind="order.filled"]')).toContainText(/BUY 0\.010* BTC-USD/, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('inbox-count')).toHaveText(/^[1-9]/);
});

test("after a VAPID key rotation the app moves this device's subscription to the server's new key when it opens", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['notifications'], { origin: BASE_URL });
  // This browser subscribed with a key the server no longer uses (it was rotated): its
  // subscription's applicationServerKey differs from edge's. The push service is stubbed as in
  // the journey above; what it is asked is recorded.
  await page.addInitScript(() => {
    // Calls and the subscription outlive a page load, as the browser's own would (sessionStorage).
    const calls: string[] = JSON.parse(sessionStorage.getItem('e2e-push-calls') ?? '[]');
    const record = (call: string) => {
      calls.push(call);
      sessionStorage.setItem('e2e-push-calls', JSON.stringify(calls));
    };
    const oldKey = new Uint8Array(65).fill(7);
    oldKey[0] = 4;
    const p256dh = 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4';
    const made = (endpoint: string, key: ArrayBuffer) => {
      const json = { endpoint, expirationTime: null, keys: { p256dh, auth: 'BTBZMqHH6r4Tts7J_aSIgg' } };
      return {
        ...json,
        options: { applicationServerKey: key, userVisibleOnly: true },
        toJSON: () => json,
        unsubscribe: async () => {
          record(`unsubscribe ${endpoint}`);
          current = null;
          return true;
        },
      } as unknown as PushSubscription;
    };
    const kept = sessionStorage.getItem('e2e-push-key');
    let current: PushSubscription | null =
      kept === null
        ? made('https://push.invalid/e2e/old-key', oldKey.buffer)
        : made('https://push.invalid/e2e/new-key', new Uint8Array(JSON.parse(kept) as number[]).buffer);
    PushManager.prototype.getSubscription = async () => current;
    PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
      const key = options?.applicationServerKey as Uint8Array;
      const base64url = btoa(String.fromCharCode(...key))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      record(`subscribe ${base64url}`);
      sessionStorage.setItem('e2e-push-key', JSON.stringify([...key]));
      current = made('https://push.invalid/e2e/new-key', key.buffer as ArrayBuffer);
      return current;
    };
    (window as unknown as { pushCalls: string[] }).pushCalls = calls;
  });
  const email = await register(page);
  await waitForServiceWorker(page);
  await page.reload(); // the app opens signed in, with its service worker: the check runs (if not already)
  const api = new TrpcHttp(request);
  const { key } = dataOf<{ key: string }>(await api.query('notifications.push.vapidPublicKey', undefined));
  const expected = ['unsubscribe https://push.invalid/e2e/old-key', `subscribe ${key}`];
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { pushCalls: string[] }).pushCalls))
    .toEqual(expected);
  api.token = dataOf<{ accessToken: string }>(
    await api.mutate('auth.login', { email, password: PASSWORD }),
  ).accessToken;
  // The new subscription is stored with the current key; opening the app again changes nothing.
  await expect
    .poll(async () => dataOf<unknown[]>(await api.query('notifications.push.devices', undefined)).length)
    .toBe(1);
  await page.reload();
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await page.waitForTimeout(1_000);
  expect(await page.evaluate(() => (window as unknown as { pushCalls: string[] }).pushCalls)).toEqual(expected);
});
