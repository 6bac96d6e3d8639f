import { expect, test } from 'vitest';
import type { NotificationsApi } from './notifications-api';
import { applicationServerKey, enablePush, type PushPlatform, refreshPush } from './push-enable';

const KEY = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';

function setup(permission: NotificationPermission, withRegistration = true) {
  const calls: unknown[] = [];
  const api = {
    vapidPublicKey: async () => ({ key: KEY }),
    subscribe: async (input: unknown) => {
      calls.push(['subscribe', input]);
      return { id: 'sub-1' };
    },
    sendTest: async () => {
      calls.push(['sendTest']);
      return { notificationId: 1, devices: 1 };
    },
  } as Partial<NotificationsApi> as NotificationsApi;
  const platform: PushPlatform = {
    requestPermission: async () => permission,
    registration: async () =>
      withRegistration
        ? ({
            pushManager: {
              subscribe: async (options: PushSubscriptionOptionsInit) => {
                calls.push(['pushManager.subscribe', options.userVisibleOnly, options.applicationServerKey]);
                return { toJSON: () => ({ endpoint: 'https://push.example/1', keys: { p256dh: 'p', auth: 'a' } }) };
              },
            },
          } as unknown as ServiceWorkerRegistration)
        : null,
    deviceLabel: () => 'test browser',
  };
  return { api, platform, calls };
}

test('granted: subscribes with the VAPID key, stores the subscription, sends a test notification', async () => {
  const { api, platform, calls } = setup('granted');
  expect(await enablePush(api, platform)).toEqual({ status: 'enabled', devices: 1 });
  expect(calls).toEqual([
    ['pushManager.subscribe', true, applicationServerKey(KEY)],
    [
      'subscribe',
      {
        subscription: { endpoint: 'https://push.example/1', keys: { p256dh: 'p', auth: 'a' } },
        deviceLabel: 'test browser',
        vapidPublicKey: KEY,
      },
    ],
    ['sendTest'],
  ]);
});

test('denied permission or no service worker: nothing is subscribed or sent', async () => {
  const denied = setup('denied');
  expect(await enablePush(denied.api, denied.platform)).toEqual({ status: 'denied' });
  const none = setup('granted', false);
  expect(await enablePush(none.api, none.platform)).toEqual({ status: 'unsupported' });
  expect([...denied.calls, ...none.calls]).toEqual([]);
});

test('the VAPID key decodes to an uncompressed P-256 point (65 bytes, 0x04 first)', () => {
  const bytes = applicationServerKey(KEY);
  expect(bytes).toHaveLength(65);
  expect(bytes[0]).toBe(4);
});

const NEW_KEY = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';

/** A browser that already has a subscription made with `subscribedWith`. */
function subscribed(subscribedWith: string) {
  const calls: unknown[] = [];
  const api = {
    vapidPublicKey: async () => ({ key: NEW_KEY }),
    subscribe: async (input: unknown) => {
      calls.push(['subscribe', input]);
      return { id: 'sub-2' };
    },
    unsubscribe: async (input: unknown) => {
      calls.push(['unsubscribe', input]);
      return { ok: true };
    },
  } as Partial<NotificationsApi> as NotificationsApi;
  const existing = {
    endpoint: 'https://push.example/old',
    options: { applicationServerKey: applicationServerKey(subscribedWith).buffer },
    unsubscribe: async () => {
      calls.push(['existing.unsubscribe']);
      return true;
    },
  };
  const platform: PushPlatform = {
    requestPermission: async () => 'granted',
    registration: async () =>
      ({
        pushManager: {
          getSubscription: async () => existing,
          subscribe: async (options: PushSubscriptionOptionsInit) => {
            calls.push(['pushManager.subscribe', options.applicationServerKey]);
            const json = { endpoint: 'https://push.example/new', keys: { p256dh: 'p', auth: 'a' } };
            return { ...json, toJSON: () => json };
          },
        },
      }) as unknown as ServiceWorkerRegistration,
    deviceLabel: () => 'test browser',
  };
  return { api, platform, calls };
}

test('after a key rotation: the subscription on the old key is replaced by one on the new key, and the old endpoint removed', async () => {
  const { api, platform, calls } = subscribed(KEY);
  expect(await refreshPush(api, platform)).toBe('resubscribed');
  expect(calls).toEqual([
    ['existing.unsubscribe'],
    ['pushManager.subscribe', applicationServerKey(NEW_KEY)],
    [
      'subscribe',
      {
        subscription: { endpoint: 'https://push.example/new', keys: { p256dh: 'p', auth: 'a' } },
        deviceLabel: 'test browser',
        vapidPublicKey: NEW_KEY,
      },
    ],
    ['unsubscribe', { endpoint: 'https://push.example/old' }],
  ]);
});

test('a subscription already on the current key, or none at all, is left alone', async () => {
  const current = subscribed(NEW_KEY);
  expect(await refreshPush(current.api, current.platform)).toBe('current');
  expect(current.calls).toEqual([]);
  const none = setup('granted');
  const registration = await none.platform.registration();
  Object.assign(registration?.pushManager ?? {}, { getSubscription: async () => null });
  none.platform.registration = async () => registration;
  expect(await refreshPush(none.api, none.platform)).toBe('none');
  expect(none.calls).toEqual([]);
});
