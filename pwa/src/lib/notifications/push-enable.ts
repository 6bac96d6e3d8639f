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
    await api.subscribe({
      subscription: subscription.toJSON(),
      deviceLabel: platform.deviceLabel(),
      vapidPublicKey: key,
    });
    const sent = await api.sendTest();
    return { status: 'enabled', devices: sent.devices };
  } catch (err) {
    return { status: 'failed', message: err instanceof Error ? err.message : 'Could not enable notifications.' };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What `refreshPush` found: no subscription here, one on the current key, or one it moved to the new key. */
export type RefreshResult = 'none' | 'current' | 'resubscribed' | 'failed';

/**
 * After the server rotated its VAPID key, this device's subscription is on the old one (which
 * the server drops sooner or later): compare the subscription's applicationServerKey with the
 * server's, and when they differ, subscribe again with the new key (permission was granted
 * already) and tell the server; the old endpoint, if it changed, is removed. Run on start.
 */
export async function refreshPush(api: NotificationsApi, platform: PushPlatform): Promise<RefreshResult> {
  const registration = await platform.registration();
  if (registration === null || !registration.pushManager) return 'none';
  try {
    const existing = await registration.pushManager.getSubscription();
    if (existing === null) return 'none';
    const { key } = await api.vapidPublicKey();
    const wanted = applicationServerKey(key);
    const used = existing.options.applicationServerKey;
    if (used !== null && sameBytes(new Uint8Array(used), wanted)) return 'current';
    const oldEndpoint = existing.endpoint;
    await existing.unsubscribe();
    const fresh = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: wanted });
    await api.subscribe({ subscription: fresh.toJSON(), deviceLabel: platform.deviceLabel(), vapidPublicKey: key });
    // The server may have dropped the old row with its key already: NOT_FOUND is fine.
    if (fresh.endpoint !== oldEndpoint) await api.unsubscribe({ endpoint: oldEndpoint }).catch(() => undefined);
    return 'resubscribed';
  } catch {
    return 'failed';
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
