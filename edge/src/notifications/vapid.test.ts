import type { DbHandle, Sql } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { browserKeys } from './testing/browser-keys';
import { startFakeHttp } from './testing/fake-http';
import { deliver, event, FILL, insertUser, subscribe, testService } from './testing/fixtures';
import { dropRetiredKeys, rotateVapidKeys, VAPID_REFRESH_MS } from './vapid';

let db: DbHandle;
let sql: Sql;
let pushService: Awaited<ReturnType<typeof startFakeHttp>>;
beforeAll(async () => {
  db = await createTestDatabase();
  sql = db.sql;
  pushService = await startFakeHttp();
});
afterAll(async () => {
  await pushService.close();
  await db.close();
});

/** The `k=` of the VAPID Authorization header: the public key the push was signed with. */
function signedWith(path: string, from: number): string[] {
  return pushService.received
    .slice(from)
    .filter((r) => r.path === path)
    .map((r) => /k=([A-Za-z0-9_-]+)/.exec(r.headers.authorization ?? '')?.[1] ?? '');
}

async function subscriptionsOf(userId: string) {
  return sql<{ vapid_key_id: number }[]>`select vapid_key_id::int from push_subscriptions where user_id = ${userId}`;
}

test('the first start makes one key; concurrent first starts agree on it', async () => {
  const services = [testService(sql), testService(sql), testService(sql)];
  const keys = await Promise.all(services.map((s) => s.service.vapidPublicKey()));
  expect(new Set(keys).size).toBe(1);
  const [count] = await sql<{ n: number }[]>`select count(*)::int as n from notify_vapid_keys`;
  expect(count?.n).toBe(1);
  for (const s of services) await s.service.close();
});

test('rotation: new subscriptions get the new key; old ones are still signed with theirs until they re-subscribe; dropping removes them', async () => {
  const { service, clock } = testService(sql);
  const oldKey = await service.vapidPublicKey();
  const stays = await insertUser(sql);
  const moves = await insertUser(sql);
  const staysBrowser = browserKeys(`${pushService.url}/rot/stays`);
  const movesBrowser = browserKeys(`${pushService.url}/rot/moves`);
  await subscribe(sql, stays, staysBrowser.subscription.endpoint, staysBrowser.subscription.keys);
  await subscribe(sql, moves, movesBrowser.subscription.endpoint, movesBrowser.subscription.keys);

  const rotated = await rotateVapidKeys(sql, { dropRetired: false });
  expect(rotated.publicKey).not.toBe(oldKey);
  expect(rotated.droppedSubscriptions).toBe(0);
  // A running edge notices within VAPID_REFRESH_MS.
  expect(await service.vapidPublicKey()).toBe(oldKey);
  clock.advanceMs(VAPID_REFRESH_MS);
  expect(await service.vapidPublicKey()).toBe(rotated.publicKey);
  expect(await service.vapidKeyId()).toBe(rotated.id);
  expect(await service.vapidKeyId(oldKey)).toBeLessThan(rotated.id);

  // Before anyone re-subscribes, pushes still reach both, signed with the key they subscribed with.
  let from = pushService.received.length;
  await deliver(sql, [event('order.filled', stays, FILL), event('order.filled', moves, FILL)], clock.nowMs);
  expect(await service.dispatchOnce()).toMatchObject({ sent: 2 });
  expect(signedWith('/rot/stays', from)).toEqual([oldKey]);
  expect(signedWith('/rot/moves', from)).toEqual([oldKey]);
  const pushed = pushService.received.slice(from).find((r) => r.path === '/rot/stays');
  expect(staysBrowser.decrypt(pushed?.body ?? Buffer.alloc(0))).toMatchObject({ kind: 'order.filled' });

  // The PWA of `moves` saw the key change and re-subscribed (same endpoint: the row is updated).
  await sql`update push_subscriptions set vapid_key_id = ${rotated.id} where user_id = ${moves}`;
  from = pushService.received.length;
  await deliver(sql, [event('order.filled', stays, FILL), event('order.filled', moves, FILL)], clock.nowMs);
  expect(await service.dispatchOnce()).toMatchObject({ sent: 2 });
  expect(signedWith('/rot/stays', from)).toEqual([oldKey]);
  expect(signedWith('/rot/moves', from)).toEqual([rotated.publicKey]);

  // Dropping the retired key deletes the subscription still on it; a delivery queued for it is gone, not retried.
  await deliver(sql, [event('order.filled', stays, FILL)], clock.nowMs);
  expect(await dropRetiredKeys(sql)).toEqual({ keys: 1, subscriptions: 1 });
  expect(await subscriptionsOf(stays)).toEqual([]);
  expect(await subscriptionsOf(moves)).toEqual([{ vapid_key_id: rotated.id }]);
  from = pushService.received.length;
  expect(await service.dispatchOnce()).toMatchObject({ sent: 0, gone: 1 });
  expect(pushService.received.length).toBe(from);
  expect(await service.vapidKeyId(oldKey)).toBeUndefined();
  await service.close();
});

test('rotate --drop-retired: the old key and its subscriptions go at once; the new key signs', async () => {
  const { service, clock } = testService(sql);
  const userId = await insertUser(sql);
  const browser = browserKeys(`${pushService.url}/rot/leaked`);
  await subscribe(sql, userId, browser.subscription.endpoint, browser.subscription.keys);
  const [before] = await subscriptionsOf(userId);
  const [all] = await sql<{ n: number }[]>`select count(*)::int as n from push_subscriptions`;
  const rotated = await rotateVapidKeys(sql, { dropRetired: true });
  expect(rotated.droppedKeys).toBe(1);
  expect(rotated.droppedSubscriptions).toBe(all?.n); // every subscription was on the old current key
  expect(before?.vapid_key_id).toBeLessThan(rotated.id);
  expect(await subscriptionsOf(userId)).toEqual([]);
  const [keys] = await sql<{ n: number; current: number }[]>`
    select count(*)::int as n, count(*) filter (where retired_at is null)::int as current from notify_vapid_keys`;
  expect(keys).toEqual({ n: 1, current: 1 });
  clock.advanceMs(VAPID_REFRESH_MS);
  expect(await service.vapidPublicKey()).toBe(rotated.publicKey);
  await subscribe(sql, userId, browser.subscription.endpoint, browser.subscription.keys);
  const from = pushService.received.length;
  await deliver(sql, [event('order.filled', userId, FILL)], clock.nowMs);
  expect(await service.dispatchOnce()).toMatchObject({ sent: 1 });
  expect(signedWith('/rot/leaked', from)).toEqual([rotated.publicKey]);
  await service.close();
});
