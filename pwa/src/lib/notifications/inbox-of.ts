import { effect } from '@preact/signals';
import type { Services } from '../../app/services';
import { InboxStore } from './inbox-store';
import { notificationsApiOf } from './notifications-api';
import { browserPushPlatform, refreshPush } from './push-enable';

/** The message the service worker posts to open windows when a push arrives. */
export const PUSH_ARRIVED_MESSAGE = 'tw-push-arrived';

const stores = new WeakMap<Services, InboxStore>();

/**
 * The app's one InboxStore, made on first use: it polls while someone is signed in and
 * refreshes when the service worker reports a push.
 */
export function inboxOf(services: Services): InboxStore {
  const existing = stores.get(services);
  if (existing) return existing;
  const api = notificationsApiOf(services.api);
  const store = new InboxStore(api, services.scheduler);
  stores.set(services, store);
  let signedIn = false;
  effect(() => {
    const user = services.session.user.value;
    if (user) store.start();
    else store.stop();
    // Once per sign-in: move this device's push subscription to the server's current VAPID key.
    if (user && !signedIn) void refreshPush(api, browserPushPlatform);
    signedIn = Boolean(user);
  });
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type === PUSH_ARRIVED_MESSAGE) void store.refresh();
  });
  return store;
}
