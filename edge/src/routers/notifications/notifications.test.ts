import { afterAll, beforeAll, expect, test } from 'vitest';
import { PUSH_SUBSCRIPTIONS_PER_USER_MAX } from '../../notifications/index';
import { browserKeys } from '../../notifications/testing/browser-keys';
import { startFakeHttp } from '../../notifications/testing/fake-http';
import { registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';
import { MARK_READ_IDS_MAX } from './inbox';

let edge: TestEdge;
let pushService: Awaited<ReturnType<typeof startFakeHttp>>;
beforeAll(async () => {
  edge = await startTestEdge();
  pushService = await startFakeHttp();
});
afterAll(async () => {
  await pushService.close();
  await edge.close();
});

const services = () => edge.server.edge.services;

test('enable notifications: the VAPID key, subscribe, send a test push that decrypts; the inbox and unread count follow', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  const { key } = await client.trpc.notifications.push.vapidPublicKey.query();
  expect(Buffer.from(key, 'base64url')).toHaveLength(65);
  expect(await edge.client().trpc.notifications.push.vapidPublicKey.query()).toEqual({ key }); // stable: stored once
  const browser = browserKeys(`${pushService.url}/push/router`);
  await client.trpc.notifications.push.subscribe.mutate({ subscription: browser.subscription, deviceLabel: 'Pixel' });
  const test = await client.trpc.notifications.push.sendTest.mutate();
  expect(test.devices).toBe(1);
  expect(await services().notifications.dispatchOnce()).toMatchObject({ sent: 1 });
  const pushed = pushService.received.find((r) => r.path === '/push/router');
  expect(browser.decrypt(pushed?.body ?? Buffer.alloc(0))).toMatchObject({
    id: test.notificationId,
    kind: 'test',
    url: '#/inbox',
  });
  expect(await client.trpc.notifications.unreadCount.query()).toEqual({ count: 1 });
  const page = await client.trpc.notifications.inbox.query({});
  expect(page.items.map((i) => [i.id, i.kind, i.read])).toEqual([[test.notificationId, 'test', false]]);
  expect(await client.trpc.notifications.markRead.mutate({ ids: [test.notificationId] })).toEqual({ updated: 1 });
  expect(await client.trpc.notifications.unreadCount.query()).toEqual({ count: 0 });
  await client.trpc.notifications.push.unsubscribe.mutate({ endpoint: browser.subscription.endpoint });
  expect(await client.trpc.notifications.push.devices.query()).toEqual([]);
  const metrics = await (await fetch(`${edge.url}/metrics`)).text();
  expect(metrics).toContain('edge_notify_deliveries_total{channel="push",outcome="sent"} 1');
  expect(metrics).toContain('edge_notify_deliveries_pending 0');
});

test.each([
  ['not an object', 'nope'],
  ['no keys', { endpoint: 'http://127.0.0.1:9/x' }],
  ['short p256dh', { endpoint: 'http://127.0.0.1:9/x', keys: { p256dh: 'AAAA', auth: 'A'.repeat(22) } }],
  [
    'compressed key',
    { endpoint: 'http://127.0.0.1:9/x', keys: { p256dh: `Ag${'A'.repeat(42)}`, auth: 'A'.repeat(22) } },
  ],
  [
    '15-byte auth',
    {
      endpoint: 'http://127.0.0.1:9/x',
      keys: { p256dh: browserKeys('x').subscription.keys.p256dh, auth: 'A'.repeat(20) },
    },
  ],
  ['ftp endpoint', { endpoint: 'ftp://push.example/x', keys: browserKeys('x').subscription.keys }],
])(
  'a malformed push subscription (%s) is refused with NOTIFY_PUSH_SUBSCRIPTION_INVALID and stores nothing',
  async (_, subscription) => {
    const client = edge.client();
    await registerAndSignIn(client);
    const error = await rejection(client.trpc.notifications.push.subscribe.mutate({ subscription }));
    expect(error.data?.reason).toBe('NOTIFY_PUSH_SUBSCRIPTION_INVALID');
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(await client.trpc.notifications.push.devices.query()).toEqual([]);
  },
);

test('subscribing names the key it used: the current one is stored; an unknown or dropped one is CONFLICT, nothing stored', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  const { key } = await client.trpc.notifications.push.vapidPublicKey.query();
  const browser = browserKeys(`${pushService.url}/push/named-key`);
  await client.trpc.notifications.push.subscribe.mutate({ subscription: browser.subscription, vapidPublicKey: key });
  expect(await client.trpc.notifications.push.devices.query()).toHaveLength(1);
  const other = browserKeys(`${pushService.url}/push/other-key`);
  const error = await rejection(
    client.trpc.notifications.push.subscribe.mutate({
      subscription: other.subscription,
      vapidPublicKey: browserKeys('x').subscription.keys.p256dh, // a P-256 key, but not one of ours
    }),
  );
  expect(error.data?.reason).toBe('NOTIFY_VAPID_KEY_UNKNOWN');
  expect(error.data?.code).toBe('CONFLICT');
  expect(await client.trpc.notifications.push.devices.query()).toHaveLength(1);
});

test("unknown subscriptions: unsubscribing one is NOT_FOUND, and so is another user's; sendTest without devices is refused", async () => {
  const alice = edge.client();
  const bob = edge.client();
  await registerAndSignIn(alice);
  await registerAndSignIn(bob);
  const browser = browserKeys(`${pushService.url}/push/alice`);
  await alice.trpc.notifications.push.subscribe.mutate({ subscription: browser.subscription });
  const unknown = await rejection(
    alice.trpc.notifications.push.unsubscribe.mutate({ endpoint: `${pushService.url}/nope` }),
  );
  expect(unknown.data?.reason).toBe('NOTIFY_PUSH_SUBSCRIPTION_UNKNOWN');
  const foreign = await rejection(
    bob.trpc.notifications.push.unsubscribe.mutate({ endpoint: browser.subscription.endpoint }),
  );
  expect(foreign.data?.reason).toBe('NOTIFY_PUSH_SUBSCRIPTION_UNKNOWN');
  expect(await alice.trpc.notifications.push.devices.query()).toHaveLength(1);
  const none = await rejection(bob.trpc.notifications.push.sendTest.mutate());
  expect(none.data?.reason).toBe('NOTIFY_NO_PUSH_SUBSCRIPTION');
});

test(`push devices per user: ${PUSH_SUBSCRIPTIONS_PER_USER_MAX} are stored, one more is refused, resubscribing a known one is fine`, async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  const first = browserKeys(`${pushService.url}/push/many/0`);
  await client.trpc.notifications.push.subscribe.mutate({ subscription: first.subscription });
  for (let i = 1; i < PUSH_SUBSCRIPTIONS_PER_USER_MAX; i++) {
    await client.trpc.notifications.push.subscribe.mutate({
      subscription: browserKeys(`${pushService.url}/push/many/${i}`).subscription,
    });
  }
  const full = await rejection(
    client.trpc.notifications.push.subscribe.mutate({
      subscription: browserKeys(`${pushService.url}/push/many/x`).subscription,
    }),
  );
  expect(full.data?.reason).toBe('NOTIFY_PUSH_SUBSCRIPTIONS_FULL');
  await client.trpc.notifications.push.subscribe.mutate({ subscription: first.subscription });
  expect(await client.trpc.notifications.push.devices.query()).toHaveLength(PUSH_SUBSCRIPTIONS_PER_USER_MAX);
});

test('preferences: defaults, a saved matrix and quiet hours read back; an unknown time zone or channel is refused', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  const defaults = await client.trpc.notifications.preferences.get.query();
  expect(defaults.matrix['order.filled']).toEqual(['push']);
  expect(defaults.quietHours).toBeNull();
  await client.trpc.notifications.preferences.set.mutate({
    matrix: { 'order.filled': ['push', 'telegram'], 'margin.call': [] },
    quietHours: { startMin: 22 * 60, endMin: 7 * 60 },
    timeZone: 'Europe/London',
  });
  const saved = await client.trpc.notifications.preferences.get.query();
  expect(saved.matrix['order.filled']).toEqual(['push', 'telegram']);
  expect(saved.matrix['margin.call']).toEqual([]);
  expect(saved.matrix['order.cancelled']).toEqual(['push']);
  expect(saved).toMatchObject({ quietHours: { startMin: 1320, endMin: 420 }, timeZone: 'Europe/London' });
  const zone = await rejection(
    client.trpc.notifications.preferences.set.mutate({ matrix: {}, quietHours: null, timeZone: 'Mars/Olympus' }),
  );
  expect(zone.data?.reason).toBe('NOTIFY_BAD_TIME_ZONE');
  const channel = await rejection(
    client.trpc.notifications.preferences.set.mutate({
      matrix: { 'order.filled': ['pigeon' as 'push'] },
      quietHours: null,
      timeZone: 'UTC',
    }),
  );
  expect(channel.data?.code).toBe('BAD_REQUEST');
  expect((await client.trpc.notifications.preferences.get.query()).timeZone).toBe('Europe/London');
});

test('channels: phone, Telegram chat and a webhook are saved (the secret is never read back); bad values are refused', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  await client.trpc.notifications.channels.set.mutate({
    emailOptIn: true,
    phone: '+447700900123',
    telegramChatId: '-100123',
    webhook: { url: 'https://hooks.example.com/x', secret: 's'.repeat(32), format: 'slack' },
  });
  expect(await client.trpc.notifications.channels.get.query()).toEqual({
    emailOptIn: true,
    phone: '+447700900123',
    telegramChatId: '-100123',
    webhook: { url: 'https://hooks.example.com/x', format: 'slack', hasSecret: true },
  });
  const phone = await rejection(
    client.trpc.notifications.channels.set.mutate({
      emailOptIn: false,
      phone: '0770',
      telegramChatId: null,
      webhook: null,
    }),
  );
  expect(phone.data?.fieldErrors).toHaveProperty('phone');
  const url = await rejection(
    client.trpc.notifications.channels.set.mutate({
      emailOptIn: false,
      phone: null,
      telegramChatId: null,
      webhook: { url: 'ftp://x', secret: 's'.repeat(16), format: 'json' },
    }),
  );
  expect(url.data?.reason).toBe('NOTIFY_WEBHOOK_URL_REFUSED');
});

test(`markRead: ${MARK_READ_IDS_MAX} ids at once, not one more; another user's ids change nothing`, async () => {
  const alice = edge.client();
  const bob = edge.client();
  await registerAndSignIn(alice);
  await registerAndSignIn(bob);
  await alice.trpc.notifications.push.subscribe.mutate({
    subscription: browserKeys(`${pushService.url}/push/mr`).subscription,
  });
  const { notificationId } = await alice.trpc.notifications.push.sendTest.mutate();
  const ids = Array.from({ length: MARK_READ_IDS_MAX }, (_, i) => notificationId + i);
  expect(await bob.trpc.notifications.markRead.mutate({ ids })).toEqual({ updated: 0 });
  expect(await alice.trpc.notifications.unreadCount.query()).toEqual({ count: 1 });
  const tooMany = await rejection(alice.trpc.notifications.markRead.mutate({ ids: [...ids, 1] }));
  expect(tooMany.data?.code).toBe('BAD_REQUEST');
  expect(await alice.trpc.notifications.markRead.mutate({ all: true })).toEqual({ updated: 1 });
  const signedOut = await rejection(edge.client().trpc.notifications.inbox.query({}));
  expect(signedOut.data?.code).toBe('UNAUTHORIZED');
});

test('the notifications routers reach data only through ownedBy (no SQL, no schema imports here)', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = new URL('.', import.meta.url);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  expect(sources.length).toBeGreaterThan(4);
  for (const file of sources) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    expect(text, file).not.toMatch(/\bsql`|schema\.|from '@tradewind\/db'/);
  }
});
