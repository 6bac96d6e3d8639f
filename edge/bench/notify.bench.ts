/**
 * Suite `notify`: notification fan-out from the bus to delivered messages. 1,000 users, each
 * with a push subscription to a local plain-HTTP push endpoint; EVENTS order.filled events
 * (5 per user: at the per-user rate limit, so none is folded into a digest) are appended to
 * the outbox; the figure is events/s from the append to the last push received (each event =
 * one inbox row + one encrypted, VAPID-signed web push). The PostgreSQL bus, the worker and
 * the dispatcher run in this process, as in edge.
 *
 * PostgreSQL: a fresh database on DATABASE_URL's server when set, else an embedded one.
 */
import { connect, runMigrations, withScratchDatabase } from '@tradewind/db';
import { appendToOutbox, type NewBusEvent } from '@tradewind/db/bus';
import { pino } from 'pino';
import type postgres from 'postgres';
import { systemClock } from '../src/clock';
import { createNotificationService, NOTIFY_DEFAULTS, RATE_LIMIT_PER_WINDOW } from '../src/notifications/index';
import { browserKeys } from '../src/notifications/testing/browser-keys';
import { startFakeHttp } from '../src/notifications/testing/fake-http';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const USERS = 1000;
const EVENTS = Math.max(USERS, Math.round(USERS * RATE_LIMIT_PER_WINDOW * SCALE));
const APPEND_BATCH = 1000;
const log = (message: string) => process.stderr.write(`notify: ${message}\n`);

async function seedUsers(sql: postgres.Sql, endpointBase: string): Promise<string[]> {
  const emails = Array.from({ length: USERS }, (_, i) => `bench-${i}@example.com`);
  const users = await sql<{ id: string }[]>`
    insert into users (email, password_hash, display_name)
    select e, 'x', 'Bench' from unnest(${emails}::text[]) as e returning id`;
  const keys = users.map((_, i) => browserKeys(`${endpointBase}/push/${i}`).subscription);
  await sql`
    insert into push_subscriptions (user_id, endpoint, p256dh, auth, created_at)
    select u, e, p, a, now() from unnest(${users.map((u) => u.id)}::uuid[], ${keys.map((k) => k.endpoint)}::text[],
      ${keys.map((k) => k.keys.p256dh)}::text[], ${keys.map((k) => k.keys.auth)}::text[]) as t(u, e, p, a)`;
  return users.map((u) => u.id);
}

async function main(): Promise<void> {
  await withScratchDatabase('notify', async (url) => {
    await runMigrations(url);
    const db = connect(url, { max: 10, appName: 'tradewind-bench-notify' });
    const endpoint = await startFakeHttp();
    const users = await seedUsers(db.sql, endpoint.url);
    const service = createNotificationService({
      sql: db.sql,
      config: { ...NOTIFY_DEFAULTS, worker: true, allowPrivateTargets: true },
      clock: systemClock,
      log: pino({ level: 'silent' }),
      appOrigin: 'http://127.0.0.1:8080',
    });
    await service.start();
    const events: NewBusEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
      type: 'order.filled',
      userId: users[i % USERS] ?? null,
      accountId: null,
      occurredAtMs: Date.now(),
      payload: { symbol: 'BTC-USD', side: 'buy', qty: '0.01', price: '64000.00' },
    }));
    log(`${USERS} users, ${EVENTS} events`);
    const started = performance.now();
    for (let i = 0; i < events.length; i += APPEND_BATCH) {
      await db.sql.begin((tx) => appendToOutbox(tx, events.slice(i, i + APPEND_BATCH)));
    }
    const recorded = (async () => {
      for (;;) {
        const [r] = await db.sql<{ n: number }[]>`select count(*)::int as n from notifications`;
        if ((r?.n ?? 0) >= EVENTS) return (performance.now() - started) / 1000;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await endpoint.waitFor(EVENTS);
    const seconds = (performance.now() - started) / 1000;
    log(`inbox complete after ${(await recorded).toFixed(2)} s`);
    const [inbox] = await db.sql<{ n: number }[]>`select count(*)::int as n from notifications`;
    if (inbox?.n !== EVENTS) throw new Error(`expected ${EVENTS} inbox rows, found ${inbox?.n}`);
    log(`${EVENTS} events → ${EVENTS} inbox rows + ${endpoint.received.length} pushes in ${seconds.toFixed(2)} s`);
    const figure = {
      suite: 'notify',
      metric: 'fanout_events_per_s',
      value: Math.round(EVENTS / seconds),
      unit: 'event/s',
    };
    process.stdout.write(`${JSON.stringify(figure)}\n`);
    await service.close();
    await endpoint.close();
    await db.close();
  });
}

main().catch((err) => {
  process.stderr.write(`notify: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
