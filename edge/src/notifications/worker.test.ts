import type { DbHandle, Sql } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ChannelSender } from './channels/channel';
import { VAPID_REUSE_MS } from './channels/push';
import { DELIVERY_ATTEMPTS_MAX, dispatchRound } from './dispatcher';
import { RATE_LIMIT_PER_WINDOW, RATE_WINDOW_MS } from './record';
import { defaultSettings, saveSettings } from './settings';
import { browserKeys, vapidClaims } from './testing/browser-keys';
import { startFakeHttp } from './testing/fake-http';
import { deliver, event, FILL, insertUser, subscribe, T0, testService } from './testing/fixtures';

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

async function inboxOf(userId: string) {
  return sql<{ id: number; kind: string; title: string; body: string; digested: boolean; item_count: number }[]>`
    select id::int, kind, title, body, digested, item_count from notifications where user_id = ${userId} order by id`;
}

async function deliveriesOf(userId: string) {
  return sql<{ channel: string; status: string; attempts: number; last_error: string | null; next_at_ms: number }[]>`
    select channel, status, attempts, last_error, (extract(epoch from next_attempt_at) * 1000)::float8 as next_at_ms from notification_deliveries
    where user_id = ${userId} order by id`;
}

async function pushUser(path: string) {
  const userId = await insertUser(sql);
  const browser = browserKeys(`${pushService.url}${path}`);
  const subscriptionId = await subscribe(sql, userId, browser.subscription.endpoint, browser.subscription.keys);
  return { userId, browser, subscriptionId };
}

test('a fill becomes an inbox entry and a web push that the subscription keys decrypt to the event (RFC 8291), VAPID exp ≤ 24 h', async () => {
  const { service, clock } = testService(sql);
  const { userId, browser } = await pushUser('/push/a');
  await deliver(sql, [event('order.filled', userId, FILL, 501)], clock.nowMs);
  const [entry] = await inboxOf(userId);
  expect(entry).toMatchObject({ kind: 'order.filled', title: 'Order filled', body: 'BUY 0.5 BTC-USD @ 64000.00' });
  const before = pushService.received.length;
  expect(await service.dispatchOnce()).toMatchObject({ sent: 1 });
  const request = pushService.received[before];
  if (!request) throw new Error('no push arrived');
  expect(request.path).toBe('/push/a');
  expect(request.headers['content-encoding']).toBe('aes128gcm');
  expect(browser.decrypt(request.body)).toEqual({
    id: entry?.id,
    kind: 'order.filled',
    title: 'Order filled',
    body: 'BUY 0.5 BTC-USD @ 64000.00',
    url: '#/orders',
    tag: `tw-${entry?.id}`,
  });
  const claims = vapidClaims(request.headers.authorization);
  expect(claims.aud).toBe(pushService.url);
  expect(claims.sub).toBe('mailto:admin@tradewind.invalid');
  expect(claims.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(24 * 60 * 60);
  expect(request.headers.authorization).toContain(`k=${await service.vapidPublicKey()}`);
  expect((await deliveriesOf(userId)).map((d) => d.status)).toEqual(['sent']);
  await service.close();
});

test('the same event delivered twice by the bus makes one notification and one push', async () => {
  const { service, clock } = testService(sql);
  const { userId } = await pushUser('/push/dedupe');
  const fill = event('order.filled', userId, FILL);
  await deliver(sql, [fill], clock.nowMs);
  await deliver(sql, [fill], clock.nowMs);
  expect(await inboxOf(userId)).toHaveLength(1);
  expect(await deliveriesOf(userId)).toHaveLength(1);
  const before = pushService.received.length;
  await service.dispatchOnce();
  await service.dispatchOnce();
  expect(pushService.received.slice(before).filter((r) => r.path === '/push/dedupe')).toHaveLength(1);
  await service.close();
});

test('a failing push endpoint is retried with backoff, and a 410 then removes the subscription', async () => {
  const { service, clock } = testService(sql);
  const { userId, subscriptionId } = await pushUser('/push/flaky');
  await deliver(sql, [event('order.cancelled', userId, FILL)], clock.nowMs);
  pushService.queue(503, 500);
  expect(await service.dispatchOnce()).toMatchObject({ retried: 1 });
  expect(await service.dispatchOnce()).toMatchObject({ retried: 0, sent: 0 }); // not due yet: backoff
  clock.advanceMs(5_000);
  expect(await service.dispatchOnce()).toMatchObject({ retried: 1 });
  const [pending] = await deliveriesOf(userId);
  expect(pending).toMatchObject({ status: 'pending', attempts: 2, last_error: expect.stringContaining('HTTP 500') });
  expect(pending?.next_at_ms).toBe(clock.nowMs() + 10_000);
  clock.advanceMs(10_000);
  pushService.queue(410);
  expect(await service.dispatchOnce()).toMatchObject({ gone: 1 });
  expect(await sql`select id from push_subscriptions where id = ${subscriptionId}`).toHaveLength(0);
  expect((await deliveriesOf(userId)).map((d) => d.status)).toEqual(['gone']);
  await service.close();
});

test(`a delivery that keeps failing becomes a dead letter after ${DELIVERY_ATTEMPTS_MAX} attempts, not before`, async () => {
  const { service, clock } = testService(sql);
  const { userId } = await pushUser('/push/down');
  await deliver(sql, [event('order.rejected', userId, { ...FILL, reason: 'RISK_MARGIN' })], clock.nowMs);
  for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS_MAX; attempt++) {
    pushService.queue(502);
    await service.dispatchOnce();
    const [d] = await deliveriesOf(userId);
    expect(d).toMatchObject({ attempts: attempt, status: attempt < DELIVERY_ATTEMPTS_MAX ? 'pending' : 'dead' });
    clock.advanceMs(60 * 60_000);
  }
  expect(await service.dispatchOnce()).toMatchObject({ sent: 0, retried: 0, dead: 0 });
  await service.close();
});

test("quiet hours hold a fill until they end in the user's time zone; a margin call goes through", async () => {
  const { service, clock } = testService(sql);
  const { userId } = await pushUser('/push/quiet');
  // 12:00 UTC is 21:00 in Tokyo: inside 20:00–07:00 quiet hours, which end in 10 h.
  await saveSettings(
    sql,
    userId,
    {
      ...defaultSettings(),
      quiet: { startMin: 20 * 60, endMin: 7 * 60, timeZone: 'Asia/Tokyo' },
      timeZone: 'Asia/Tokyo',
    },
    T0,
  );
  await deliver(
    sql,
    [event('order.filled', userId, FILL), event('margin.call', userId, { marginLevel: '0.8' })],
    clock.nowMs,
  );
  const [fill, margin] = await deliveriesOf(userId);
  expect(fill?.next_at_ms).toBe(clock.nowMs() + 10 * 60 * 60_000);
  expect(margin?.next_at_ms).toBe(clock.nowMs());
  expect(await service.dispatchOnce()).toMatchObject({ sent: 1 });
  clock.advanceMs(10 * 60 * 60_000 - 1);
  expect(await service.dispatchOnce()).toMatchObject({ sent: 0 });
  clock.advanceMs(1);
  expect(await service.dispatchOnce()).toMatchObject({ sent: 1 });
  await service.close();
});

test(`a storm of fills: ${RATE_LIMIT_PER_WINDOW} go out on their own, the rest become one digest at the window's end`, async () => {
  const { service, clock } = testService(sql);
  const { userId, browser } = await pushUser('/push/storm');
  const storm = Array.from({ length: 40 }, (_, i) =>
    event(i % 4 === 3 ? 'order.partially_filled' : 'order.filled', userId, FILL),
  );
  await deliver(sql, storm, clock.nowMs);
  const inbox = await inboxOf(userId);
  expect(inbox.filter((n) => n.kind !== 'digest')).toHaveLength(40);
  expect(inbox.filter((n) => n.digested)).toHaveLength(40 - RATE_LIMIT_PER_WINDOW);
  const digest = inbox.find((n) => n.kind === 'digest');
  expect(digest).toMatchObject({
    item_count: 40 - RATE_LIMIT_PER_WINDOW,
    title: `${40 - RATE_LIMIT_PER_WINDOW} more notifications`,
  });
  const before = pushService.received.length;
  expect(await service.dispatchOnce()).toMatchObject({ sent: RATE_LIMIT_PER_WINDOW });
  clock.advanceMs(RATE_WINDOW_MS);
  expect(await service.dispatchOnce()).toMatchObject({ sent: 1 });
  const pushes = pushService.received.slice(before).filter((r) => r.path === '/push/storm');
  expect(pushes).toHaveLength(RATE_LIMIT_PER_WINDOW + 1);
  expect(browser.decrypt(pushes.at(-1)?.body ?? Buffer.alloc(0))).toMatchObject({
    kind: 'digest',
    body: '26 × order filled, 9 × order partially filled',
  });
  await service.close();
});

test('events for unknown users, without a user, or that tell nothing (order.accepted) record nothing and do not wedge the consumer', async () => {
  const { clock } = testService(sql);
  const userId = await insertUser(sql);
  await deliver(
    sql,
    [
      event('order.filled', '00000000-0000-4000-8000-000000000000', FILL),
      { ...event('order.filled', userId, FILL), userId: null },
      event('order.filled', 'not-a-uuid', FILL),
      event('order.accepted', userId, FILL),
    ],
    clock.nowMs,
  );
  expect(await inboxOf(userId)).toHaveLength(0);
});

test(`the VAPID header is reused per push service for ${VAPID_REUSE_MS / 60_000} min, then signed afresh`, async () => {
  const { service, clock } = testService(sql);
  const { userId } = await pushUser('/push/vapid');
  const authorizations = async () => {
    await deliver(sql, [event('order.filled', userId, FILL)], clock.nowMs);
    await service.dispatchOnce();
    return pushService.received.filter((r) => r.path === '/push/vapid').map((r) => r.headers.authorization);
  };
  await authorizations();
  clock.advanceMs(VAPID_REUSE_MS - 1);
  const [first, reused] = await authorizations();
  expect(reused).toBe(first);
  clock.advanceMs(1);
  const fresh = (await authorizations()).at(-1);
  expect(fresh).not.toBe(first);
  expect(vapidClaims(fresh).exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(24 * 60 * 60);
  await service.close();
});

test('a finished or failed server backtest reaches the inbox and, per the preferences, a push; a muted kind stays in the inbox', async () => {
  const { service, clock } = testService(sql);
  const { userId, browser } = await pushUser('/push/backtest');
  // The payload core's job runner appends (core-server/src/backtest/jobs/job-config.ts).
  const done = {
    backtestId: 'b1',
    status: 'done',
    name: 'sma-cross on ETH-USD 1h',
    summary: 'return +3.20 %, 7 trades',
  };
  const failed = {
    backtestId: 'b2',
    status: 'failed',
    name: 'rsi-reversion on SOL-USD 1m',
    summary: 'DATA_EMPTY: no bars',
  };
  await deliver(
    sql,
    [event('backtest.finished', userId, done), event('backtest.finished', userId, failed)],
    clock.nowMs,
  );
  expect((await inboxOf(userId)).map((n) => [n.kind, n.title, n.body])).toEqual([
    ['backtest.finished', 'Backtest finished', 'sma-cross on ETH-USD 1h: return +3.20 %, 7 trades'],
    ['backtest.finished', 'Backtest failed', 'rsi-reversion on SOL-USD 1m: DATA_EMPTY: no bars'],
  ]);
  const before = pushService.received.length;
  expect(await service.dispatchOnce()).toMatchObject({ sent: 2 });
  const pushed = pushService.received
    .slice(before)
    .map((r) => browser.decrypt(r.body) as { title: string; url: string });
  expect(pushed.map((p) => [p.title, p.url]).sort()).toEqual([
    ['Backtest failed', '#/backtest'],
    ['Backtest finished', '#/backtest'],
  ]);
  // Muted: no channel for backtest.finished. The inbox still gets it; nothing is sent.
  const settings = defaultSettings();
  await saveSettings(sql, userId, { ...settings, matrix: { ...settings.matrix, 'backtest.finished': [] } }, T0);
  await deliver(sql, [event('backtest.finished', userId, { ...done, backtestId: 'b3' })], clock.nowMs);
  expect(await inboxOf(userId)).toHaveLength(3);
  expect((await deliveriesOf(userId)).map((d) => d.status)).toEqual(['sent', 'sent']);
  expect(await service.dispatchOnce()).toMatchObject({ sent: 0 });
  await service.close();
});

test("a round's outcomes are recorded while the next round claims: the lease keeps the next claim off its deliveries", async () => {
  const { clock } = testService(sql);
  const { userId } = await pushUser('/push/overlap');
  await deliver(sql, [event('order.filled', userId, FILL), event('order.filled', userId, FILL)], clock.nowMs);
  const sends: number[] = [];
  const send: ChannelSender = async (out) => {
    sends.push(out.deliveryId);
    return { status: 'sent' };
  };
  const senders = { push: send, email: send, sms: send, telegram: send, webhook: send };
  // The first round records only once the (previous round's) record it waits for is done.
  let previousRecorded = () => {};
  const previous = new Promise<void>((resolve) => {
    previousRecorded = resolve;
  });
  const first = await dispatchRound(sql, senders, clock.nowMs, undefined, previous);
  expect(first.stats.sent).toBe(2);
  // Sent but not recorded yet: still pending, under lease.
  expect((await deliveriesOf(userId)).map((d) => d.status)).toEqual(['pending', 'pending']);
  const second = await dispatchRound(sql, senders, clock.nowMs, undefined, first.settled);
  expect(second.stats.sent).toBe(0);
  previousRecorded();
  await second.settled;
  expect((await deliveriesOf(userId)).map((d) => d.status)).toEqual(['sent', 'sent']);
  expect(new Set(sends).size).toBe(sends.length);
});
