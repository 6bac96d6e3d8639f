import { expect, test } from 'vitest';
import { ManualScheduler } from '../util/manual-scheduler';
import { INBOX_ITEMS_MAX, InboxStore, UNREAD_POLL_MS } from './inbox-store';
import type { InboxItem, NotificationsApi } from './notifications-api';

function item(id: number, read = false): InboxItem {
  return {
    id,
    kind: 'order.filled',
    title: 'Order filled',
    body: 'BUY 1 BTC-USD',
    url: '#/orders',
    itemCount: 1,
    createdAtMs: id,
    read,
  };
}

/** A fake edge: an inbox of `count` items, newest (highest id) first, paged by cursor. */
function fakeApi(count: number) {
  const items = Array.from({ length: count }, (_, i) => item(count - i));
  const calls: string[] = [];
  const api = {
    unreadCount: async () => {
      calls.push('unreadCount');
      return { count: items.filter((i) => !i.read).length };
    },
    inbox: async ({ cursor, limit = 30 }: { cursor?: number; limit?: number }) => {
      const rest = items.filter((i) => cursor === undefined || i.id < cursor);
      const page = rest.slice(0, limit);
      return { items: page, nextCursor: rest.length > limit ? (page.at(-1)?.id ?? null) : null };
    },
    markRead: async (input: { ids: number[] } | { all: true }) => {
      calls.push(`markRead:${'all' in input ? 'all' : input.ids.join(',')}`);
      for (const i of items) if ('all' in input || input.ids.includes(i.id)) i.read = true;
      return { updated: 1 };
    },
  } as Partial<NotificationsApi> as NotificationsApi;
  return { api, items, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test(`the unread count is read at sign-in and re-read every ${UNREAD_POLL_MS / 1000} s, and not after sign-out`, async () => {
  const scheduler = new ManualScheduler();
  const { api, items, calls } = fakeApi(3);
  const store = new InboxStore(api, scheduler);
  store.start();
  await settle();
  expect(store.unread.value).toBe(3);
  items.push(item(4));
  scheduler.advance(UNREAD_POLL_MS - 1);
  await settle();
  expect(store.unread.value).toBe(3);
  scheduler.advance(1);
  await settle();
  expect(store.unread.value).toBe(4);
  store.stop();
  expect(store.unread.value).toBe(0);
  expect(scheduler.pendingDelaysMs()).toEqual([]);
  expect(calls.filter((c) => c === 'unreadCount')).toHaveLength(2);
});

test('pages load by cursor up to the in-memory limit; marking read drops the badge at once', async () => {
  const scheduler = new ManualScheduler();
  const { api, calls } = fakeApi(INBOX_ITEMS_MAX + 40);
  const store = new InboxStore(api, scheduler);
  store.start();
  await store.loadFirstPage();
  expect(store.items.value.map((i) => i.id).slice(0, 2)).toEqual([INBOX_ITEMS_MAX + 40, INBOX_ITEMS_MAX + 39]);
  while (store.nextCursor.value !== null) await store.loadMore();
  expect(store.items.value).toHaveLength(INBOX_ITEMS_MAX);
  await settle();
  const unread = store.unread.value;
  const first = store.items.value[0]?.id ?? 0;
  const marking = store.markRead([first]);
  expect(store.unread.value).toBe(unread - 1);
  expect(store.items.value[0]?.read).toBe(true);
  await marking;
  expect(calls).toContain(`markRead:${first}`);
  await store.markRead([first]); // already read: nothing sent
  expect(calls.filter((c) => c.startsWith('markRead'))).toHaveLength(1);
  await store.markRead('all');
  expect(store.unread.value).toBe(0);
  store.stop();
});
