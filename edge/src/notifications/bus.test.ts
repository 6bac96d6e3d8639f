import { randomBytes } from 'node:crypto';
import type { DbHandle, Sql } from '@tradewind/db';
import { appendToOutbox, type NewBusEvent } from '@tradewind/db/bus';
import { createTestDatabase } from '@tradewind/db/testing';
import amqp from 'amqplib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DAY_MS } from './daily-summary';
import { browserKeys } from './testing/browser-keys';
import { startFakeHttp } from './testing/fake-http';
import { FILL, insertUser, subscribe, T0, testService } from './testing/fixtures';
import type { NotifyConfig } from './types';
import { NOTIFY_CONSUMER } from './worker';

const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

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

async function publish(events: NewBusEvent[]): Promise<void> {
  await sql.begin((tx) => appendToOutbox(tx, events));
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function endToEnd(config: Partial<NotifyConfig>, path: string) {
  const { service } = testService(sql, { worker: true, ...config });
  await service.start();
  const userId = await insertUser(sql);
  const browser = browserKeys(`${pushService.url}${path}`);
  await subscribe(sql, userId, browser.subscription.endpoint, browser.subscription.keys);
  const fill = { type: 'order.filled', userId, accountId: null, occurredAtMs: T0, payload: FILL } as const;
  await publish([fill, { ...fill, type: 'order.accepted' }]);
  await waitUntil(async () => pushService.received.some((r) => r.path === path), `a push on ${path}`);
  const pushed = pushService.received.find((r) => r.path === path);
  expect(browser.decrypt(pushed?.body ?? Buffer.alloc(0))).toMatchObject({
    kind: 'order.filled',
    body: 'BUY 0.5 BTC-USD @ 64000.00',
  });
  const inbox = await sql`select kind from notifications where user_id = ${userId}`;
  expect(inbox.map((r) => r.kind)).toEqual(['order.filled']);
  await service.close();
}

test('PostgreSQL bus: an event appended to the outbox reaches the inbox and the device (worker started with NOTIFY_WORKER on)', async () => {
  await endToEnd({}, '/push/pg');
});

test('RabbitMQ bus: the same journey through the relay and a durable queue', async () => {
  const exchange = `tw-test-notify-${randomBytes(4).toString('hex')}`;
  try {
    await endToEnd({ amqpUrl: AMQP_URL, busExchange: exchange }, '/push/amqp');
  } finally {
    const connection = await amqp.connect(AMQP_URL);
    const channel = await connection.createChannel();
    await channel.deleteQueue(`${exchange}.${NOTIFY_CONSUMER}`);
    await channel.deleteExchange(exchange);
    await connection.close();
  }
});

test('the daily summary counts yesterday per kind, once per user and day, whoever runs it', async () => {
  const { service, clock } = testService(sql);
  const userId = await insertUser(sql);
  for (const [i, kind] of ['order.filled', 'order.filled', 'order.cancelled'].entries()) {
    await sql`insert into notifications (user_id, dedupe_key, kind, title, body, url, created_at)
      values (${userId}, ${`seed:${i}`}, ${kind}, 't', 'b', '#/orders', ${new Date(T0).toISOString()})`;
  }
  clock.setMs(T0 + DAY_MS / 2); // the next day, 00:00 UTC
  expect(await service.dailySummaryOnce()).toBeGreaterThanOrEqual(1);
  expect(await service.dailySummaryOnce()).toBe(0);
  const [summary] = await sql<{ title: string; body: string }[]>`
    select title, body from notifications where user_id = ${userId} and kind = 'daily_summary'`;
  expect(summary).toEqual({ title: 'Your day: 2026-11-24', body: '2 × order filled, 1 × order cancelled' });
  await service.close();
});
