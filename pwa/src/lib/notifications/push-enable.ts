import type { NotificationsApi } from './notifications-api';

/** Where the "enable notifications" flow ended: the screen says which, and what to do. */
export type EnableResult =
  | { readonly status: 'enabled'; readonly devices: number }
  | { readonly status: 'unsupported' }
  | { readonly status: 'denied' }
  | { readonly status: 'failed'; readonly message: string };

/** The browser features the flow needs, injected so it runs in tests without a browser. */
export type PushPlatform = {
  requestPermission(): Promise<NotificationPermission>;
  /** The service worker's registration; null when there is none (dev server, unsupported). */
  registration(): Promise<Pick<ServiceWorkerRegistration, 'pushManager'> | null>;
  deviceLabel(): string | null;
};

/** The VAPID key (base64url) as the bytes pushManager.subscribe wants. */
export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Permission → subscribe with the server's VAPID key → store the subscription → a test
 * notification. Re-running it is harmless: the same endpoint is updated, not duplicated.
 */
export async function enablePush(api: NotificationsApi, platform: PushPlatform): Promise<EnableResult> {
  const registration = await platform.registration();
  if (registration === null || !registration.pushManager) return { status: 'unsupported' };
  const permission = await platform.requestPermission();
  if (permission !== 'granted') return { status: 'denied' };
  try {
    const { key } = await api.vapidPublicKey();
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: applicationServerKey(key),
    });
    await api.subscribe({ subscription: subscription.toJSON(), deviceLabel: platform.deviceLabel() });
    const sent = await api.sendTest();
    return { status: 'enabled', devices: sent.devices };
  } catch (err) {
    return { status: 'failed', message: err instanceof Error ? err.message : 'Could not enable notifications.' };
  }
}

/** The real browser. */
export const browserPushPlatform: PushPlatform = {
  requestPermission: () =>
    typeof Notification === 'undefined' ? Promise.resolve('denied') : Notification.requestPermission(),
  registration: async () => {
    if (!('serviceWorker' in navigator)) return null;
    return (await navigator.serviceWorker.getRegistration()) ?? null;
  },
  deviceLabel: () => navigator.userAgent.slice(0, 64),
};
