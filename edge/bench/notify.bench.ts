/**
 * Suite `notify`: notification fan-out from the bus to delivered messages. 1,000 users, each
 * with a push subscription to a local plain-HTTP push endpoint; EVENTS order.filled events
 * (5 per user: at the per-user rate limit, so none is folded into a digest) are appended to
 * the outbox; the figure is events/s from the append to the last push received (each event =
 * one inbox row + one encrypted, VAPID-signed web push). The PostgreSQL bus, the worker and
 * the dispatcher run in this process, as in edge.
 *
 * Peer, in the same run: the naive loop (`naive_events_per_s`): per event, one inbox insert,
 * the same encrypted, signed push over the same keep-alive transport, awaited, then one
 * delivery insert; one event at a time.
 *
 * PostgreSQL: a fresh database on DATABASE_URL's server when set, else an embedded one.
 */
import { connect, runMigrations, withScratchDatabase } from '@tradewind/db';
import { appendToOutbox, type NewBusEvent } from '@tradewind/db/bus';
import { pino } from 'pino';
import type postgres from 'postgres';
import { systemClock } from '../src/clock';
import { createTransport } from '../src/notifications/channels/http';
import { pushPayloadOf, sendPush, vapidSigner } from '../src/notifications/channels/push';
import { createNotificationService, NOTIFY_DEFAULTS, RATE_LIMIT_PER_WINDOW } from '../src/notifications/index';
import { browserKeys } from '../src/notifications/testing/browser-keys';
import { startFakeHttp } from '../src/notifications/testing/fake-http';
import { vapidKeyring } from '../src/notifications/vapid';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const USERS = 1000;
const EVENTS = Math.max(USERS, Math.round(USERS * RATE_LIMIT_PER_WINDOW * SCALE));
const APPEND_BATCH = 1000;
/** Events of the naive peer (one at a time is slow: fewer keep the run short). */
const NAIVE_EVENTS = Math.max(200, Math.round(1000 * SCALE));
const log = (message: string) => process.stderr.write(`notify: ${message}\n`);

async function seedUsers(sql: postgres.Sql, endpointBase: string, vapidKeyId: number): Promise<string[]> {
  const emails = Array.from({ length: USERS }, (_, i) => `bench-${i}@example.com`);
  const users = await sql<{ id: string }[]>`
    insert into users (email, password_hash, display_name)
    select e, 'x', 'Bench' from unnest(${emails}::text[]) as e returning id`;
  const keys = users.map((_, i) => browserKeys(`${endpointBase}/push/${i}`).subscription);
  await sql`
    insert into push_subscriptions (user_id, endpoint, p256dh, auth, vapid_key_id, created_at)
    select u, e, p, a, ${vapidKeyId}, now() from unnest(${users.map((u) => u.id)}::uuid[], ${keys.map((k) => k.endpoint)}::text[],
      ${keys.map((k) => k.keys.p256dh)}::text[], ${keys.map((k) => k.keys.auth)}::text[]) as t(u, e, p, a)`;
  return users.map((u) => u.id);
}

type Endpoint = Awaited<ReturnType<typeof startFakeHttp>>;

function figure(metric: string, value: number, unit = 'event/s'): void {
  process.stdout.write(`${JSON.stringify({ suite: 'notify', metric, value: Math.round(value), unit })}\n`);
}

/** This process's CPU time (user + system), µs: on a shared machine it moves far less than wall time. */
function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

type Measured = { perS: number; cpuUsPerEvent: number };

/** The real path: outbox → bus → worker (inbox, deliveries) → dispatcher → push endpoint. */
async function fanout(sql: postgres.Sql, endpoint: Endpoint, users: string[]): Promise<Measured> {
  const events: NewBusEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
    type: 'order.filled',
    userId: users[i % USERS] ?? null,
    accountId: null,
    occurredAtMs: Date.now(),
    payload: { symbol: 'BTC-USD', side: 'buy', qty: '0.01', price: '64000.00' },
  }));
  log(`${USERS} users, ${EVENTS} events`);
  const before = endpoint.received.length;
  const started = performance.now();
  const cpu0 = cpuUs();
  for (let i = 0; i < events.length; i += APPEND_BATCH) {
    await sql.begin((tx) => appendToOutbox(tx, events.slice(i, i + APPEND_BATCH)));
  }
  const recorded = (async () => {
    for (;;) {
      const [r] = await sql<{ n: number }[]>`select count(*)::int as n from notifications`;
      if ((r?.n ?? 0) >= EVENTS) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await endpoint.waitFor(before + EVENTS);
  const seconds = (performance.now() - started) / 1000;
  const cpuUsPerEvent = (cpuUs() - cpu0) / EVENTS;
  log(`inbox complete after ${(await recorded).toFixed(2)} s`);
  const [inbox] = await sql<{ n: number }[]>`select count(*)::int as n from notifications`;
  if (inbox?.n !== EVENTS) throw new Error(`expected ${EVENTS} inbox rows, found ${inbox?.n}`);
  log(
    `${EVENTS} events → ${EVENTS} inbox rows + ${endpoint.received.length - before} pushes in ${seconds.toFixed(2)} s`,
  );
  return { perS: EVENTS / seconds, cpuUsPerEvent };
}

/** The peer: one event at a time, each written and pushed before the next (same encryption, signing, transport). */
async function naiveLoop(sql: postgres.Sql, endpoint: Endpoint, users: string[]): Promise<Measured> {
  const keys = await vapidKeyring(sql, NOTIFY_DEFAULTS.vapidSubject, Date.now).current();
  const sign = vapidSigner(Date.now);
  const transport = createTransport({ guard: false });
  const subs = await sql<{ user_id: string; endpoint: string; p256dh: string; auth: string }[]>`
    select user_id, endpoint, p256dh, auth from push_subscriptions where user_id = any(${users}::uuid[])`;
  const before = endpoint.received.length;
  const started = performance.now();
  const cpu0 = cpuUs();
  for (let i = 0; i < NAIVE_EVENTS; i++) {
    const sub = subs[i % subs.length];
    if (sub === undefined) throw new Error('no subscription');
    const message = {
      kind: 'order.filled',
      title: 'Order filled',
      body: 'BUY 0.01 BTC-USD @ 64000.00',
      url: '#/orders',
    };
    const [row] = await sql<{ id: number }[]>`
      insert into notifications (user_id, dedupe_key, kind, title, body, url, created_at)
      values (${sub.user_id}, ${`naive:${i}`}, ${message.kind}, ${message.title}, ${message.body}, ${message.url}, now())
      returning id::int`;
    const id = row?.id ?? 0;
    const sent = await sendPush(
      sub,
      pushPayloadOf({ notificationId: id, ...message }),
      (a) => sign(a, keys),
      true,
      transport.post,
    );
    if (sent.status !== 'sent') throw new Error(`naive push: ${sent.status}`);
    await sql`insert into notification_deliveries (notification_id, user_id, channel, target, status, attempts, next_attempt_at, sent_at)
      values (${id}, ${sub.user_id}, 'push', '', 'sent', 1, now(), now())`;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuUsPerEvent = (cpuUs() - cpu0) / NAIVE_EVENTS;
  transport.close();
  if (endpoint.received.length - before !== NAIVE_EVENTS) throw new Error('naive: pushes missing');
  log(`naive loop: ${NAIVE_EVENTS} events in ${seconds.toFixed(2)} s`);
  return { perS: NAIVE_EVENTS / seconds, cpuUsPerEvent };
}

async function main(): Promise<void> {
  await withScratchDatabase('notify', async (url) => {
    await runMigrations(url);
    const db = connect(url, { max: 10, appName: 'tradewind-bench-notify' });
    const endpoint = await startFakeHttp();
    const service = createNotificationService({
      sql: db.sql,
      config: { ...NOTIFY_DEFAULTS, worker: true, allowPrivateTargets: true },
      clock: systemClock,
      log: pino({ level: 'silent' }),
      appOrigin: 'http://127.0.0.1:8080',
    });
    await service.start(); // makes the VAPID key the subscriptions name
    const users = await seedUsers(db.sql, endpoint.url, (await service.vapidKeyId()) ?? 1);
    const fast = await fanout(db.sql, endpoint, users);
    await service.close();
    const naive = await naiveLoop(db.sql, endpoint, users);
    figure('fanout_events_per_s', fast.perS);
    figure('naive_events_per_s', naive.perS);
    figure('fanout_cpu_us_per_event', fast.cpuUsPerEvent, 'µs/event');
    figure('naive_cpu_us_per_event', naive.cpuUsPerEvent, 'µs/event');
    await endpoint.close();
    await db.close();
  });
}

main().catch((err) => {
  process.stderr.write(`notify: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
