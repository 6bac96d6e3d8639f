import { randomUUID } from 'node:crypto';
import type { Sql } from '@tradewind/db';
import type { BusEvent, BusEventType } from '@tradewind/db/bus';
import pino from 'pino';
import { manualClock } from '../../clock';
import { createNotificationService } from '../service';
import { NOTIFY_DEFAULTS, type NotifyConfig } from '../types';
import { vapidKeyring } from '../vapid';
import { notificationHandler } from '../worker';

export const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

export async function insertUser(sql: Sql, email = `${randomUUID()}@example.com`): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into users (email, password_hash, display_name) values (${email}, 'x', 'Test') returning id`;
  if (!row) throw new Error('no user');
  return row.id;
}

let seq = 1000;
export function event(
  type: BusEventType,
  userId: string,
  payload: Record<string, string> = {},
  atSeq = ++seq,
): BusEvent {
  return { seq: atSeq, type, userId, accountId: null, occurredAtMs: T0, payload };
}

export const FILL = { symbol: 'BTC-USD', side: 'buy', qty: '0.5', price: '64000.00' };

/** A notification service over the test database with a manual clock; the worker is off unless asked. */
export function testService(sql: Sql, config: Partial<NotifyConfig> = {}) {
  const clock = manualClock(T0);
  const service = createNotificationService({
    sql,
    config: { ...NOTIFY_DEFAULTS, worker: false, allowPrivateTargets: true, ...config },
    clock,
    log: pino({ level: 'silent' }),
    appOrigin: 'http://127.0.0.1:8080',
  });
  return { service, clock };
}

/** A push subscription made with the current VAPID key (created when there is none yet). */
export async function subscribe(sql: Sql, userId: string, endpoint: string, keys: { p256dh: string; auth: string }) {
  await vapidKeyring(sql, NOTIFY_DEFAULTS.vapidSubject, () => T0).current();
  const [row] = await sql<{ id: string }[]>`
    insert into push_subscriptions (user_id, endpoint, p256dh, auth, vapid_key_id, created_at)
    values (${userId}, ${endpoint}, ${keys.p256dh}, ${keys.auth},
      (select max(id) from notify_vapid_keys where retired_at is null), now()) returning id`;
  return row?.id ?? '';
}

/** What the bus does with a batch: the handler in a transaction (and, for a redelivery, again). */
export async function deliver(sql: Sql, events: BusEvent[], nowMs: () => number): Promise<void> {
  await sql.begin((tx) => notificationHandler(nowMs, () => {})(events, tx));
}
