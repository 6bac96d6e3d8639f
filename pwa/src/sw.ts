/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';

/**
 * The service worker: precaches the app shell (the build injects its list), serves
 * index.html for every navigation so the app opens offline, never caches anything that
 * may be authenticated, and shows pushed notifications.
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/** Paths that are live data, never the app shell: always the network, never a cache. */
const NETWORK_ONLY = [/^\/trpc(\/|$)/, /^\/config\.json$/, /^\/healthz$/, /^\/metrics$/];

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

/**
 * Recently viewed charts open offline: the newest candles answer (`GET /md/v1/candles`) per
 * symbol, interval and source is kept (network first, the cache only when the network fails).
 * Only unauthenticated GETs of that one public route, never anything with a token;
 * at most CANDLES_ENTRIES_MAX answers, the least recently stored dropped first.
 */
const CANDLES_CACHE = 'tw-candles-v1';
const CANDLES_ENTRIES_MAX = 40;
const CANDLES_PATH = '/md/v1/candles';

/** One entry per symbol, interval and source, whatever the time range asked. */
function candlesKey(url: URL): string | null {
  const symbol = url.searchParams.get('symbol');
  const interval = url.searchParams.get('interval');
  if (symbol === null || interval === null) return null;
  const q = new URLSearchParams({ symbol, interval, source: url.searchParams.get('source') ?? 'best' });
  return `${self.location.origin}/__tw-candles?${q}`;
}

async function candles(request: Request, url: URL): Promise<Response> {
  const key = candlesKey(url);
  try {
    const response = await fetch(request);
    // Only the latest page of a chart asks to be kept (keep=1); older pages never replace it.
    if (response.ok && key !== null && url.searchParams.get('keep') === '1') {
      const cache = await caches.open(CANDLES_CACHE);
      await cache.delete(key);
      await cache.put(key, response.clone());
      const keys = await cache.keys();
      for (const old of keys.slice(0, Math.max(0, keys.length - CANDLES_ENTRIES_MAX))) await cache.delete(old);
    }
    return response;
  } catch (err) {
    const cached = key === null ? undefined : await caches.match(key, { cacheName: CANDLES_CACHE });
    if (cached) return cached;
    throw err;
  }
}

registerRoute(
  ({ url, request, sameOrigin }) =>
    sameOrigin && url.pathname === CANDLES_PATH && !request.headers.has('authorization'),
  ({ request, url }) => candles(request, url),
  'GET',
);

// Authenticated answers (tRPC carries the bearer token and the refresh cookie) must never
// be stored: the network or an error, nothing else.
for (const method of ['GET', 'POST'] as const) {
  registerRoute(
    ({ url, sameOrigin }) => sameOrigin && NETWORK_ONLY.some((p) => p.test(url.pathname)),
    new NetworkOnly(),
    method,
  );
}
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NETWORK_ONLY }));

/** What edge pushes (issue 7): a title, optional body, the in-app route to open, and a tag to collapse repeats. */
type PushPayload = { title?: unknown; body?: unknown; url?: unknown; tag?: unknown };
/** Bounds what a push can make us display. */
const PUSH_TEXT_MAX = 500;
/** Posted to open windows when a push arrives, so the inbox and its badge refresh at once (lib/notifications). */
const PUSH_ARRIVED_MESSAGE = 'tw-push-arrived';
const INBOX_PATH = '/#/inbox';

/** A same-origin path to open: in-app routes are hash routes (`#/orders` opens `/#/orders`). */
function appPath(v: unknown): string {
  if (typeof v !== 'string' || v.length > PUSH_TEXT_MAX) return '/';
  if (v.startsWith('#/')) return `/${v}`;
  return v.startsWith('/') && !v.startsWith('//') ? v : '/';
}

self.addEventListener('push', (event) => {
  let payload: PushPayload = {};
  try {
    payload = (event.data?.json() ?? {}) as PushPayload;
  } catch {
    payload = { body: event.data?.text() };
  }
  const text = (v: unknown, fallback: string) => (typeof v === 'string' && v ? v.slice(0, PUSH_TEXT_MAX) : fallback);
  const url = appPath(payload.url);
  const shown = self.registration.showNotification(text(payload.title, 'Tradewind'), {
    body: text(payload.body, ''),
    tag: text(payload.tag, '') || undefined,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url },
    // Chromium shows up to two; other browsers ignore them and a click opens `url`.
    actions: [
      { action: 'open', title: 'Open' },
      { action: 'inbox', title: 'Inbox' },
    ],
  } as NotificationOptions);
  const told = self.clients.matchAll({ type: 'window' }).then((windows) => {
    for (const w of windows) w.postMessage({ type: PUSH_ARRIVED_MESSAGE });
  });
  event.waitUntil(Promise.all([shown, told]));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: unknown } | null;
  const path = event.action === 'inbox' ? INBOX_PATH : appPath(data?.url);
  const target = new URL(path, self.location.origin).href;
  event.waitUntil(focusOrOpen(target));
});

/** Re-uses an open window of the app (navigating it) before opening a new one. */
async function focusOrOpen(target: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin !== self.location.origin) continue;
    const focused = await client.focus();
    await focused.navigate(target).catch(() => undefined);
    return;
  }
  await self.clients.openWindow(target);
}
