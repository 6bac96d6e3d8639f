import { expect, test } from 'vitest';
import type { NotificationsApi } from './notifications-api';
import { applicationServerKey, enablePush, type PushPlatform } from './push-enable';

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
