import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  forgiveAccount,
  LOGIN_FAILURE_WINDOW_MS,
  LOGIN_FAILURES_PER_ACCOUNT_MAX,
  pruneLoginFailures,
  reserveLoginAttempt,
} from './login-throttle';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

test('the window slides: the oldest failure stops counting once it is a full window old', async () => {
  const keys = { email: 'slide@example.com', ip: '192.0.2.1' };
  for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT_MAX; i++) {
    expect((await reserveLoginAttempt(db.db, keys, T0 + i * 1000)).ok).toBe(true);
  }
  const blocked = await reserveLoginAttempt(db.db, keys, T0 + LOGIN_FAILURE_WINDOW_MS - 1);
  expect(blocked).toEqual({ ok: false, scope: 'account', retryAfterMs: 1000 });
  expect((await reserveLoginAttempt(db.db, keys, T0 + LOGIN_FAILURE_WINDOW_MS)).ok).toBe(true);
});

test('forgiving releases the reservation and the account’s failures, but not the IP’s', async () => {
  const keys = { email: 'forgive@example.com', ip: '192.0.2.2' };
  await reserveLoginAttempt(db.db, keys, T0);
  const last = await reserveLoginAttempt(db.db, keys, T0);
  if (!last.ok) throw new Error('unexpectedly throttled');
  await forgiveAccount(db.db, last.reservation);
  const rows = await db.sql`select scope, count(*)::int as n from login_failures
    where key in (${keys.email}, ${keys.ip}) group by scope order by scope`;
  expect(rows.map((r) => [r.scope, r.n])).toEqual([['ip', 1]]);
});

test('pruning removes only failures no window can count any more', async () => {
  const keys = { email: 'prune@example.com', ip: '192.0.2.3' };
  await reserveLoginAttempt(db.db, keys, T0 - 2 * LOGIN_FAILURE_WINDOW_MS);
  await reserveLoginAttempt(db.db, keys, T0);
  const before = await db.sql`select count(*)::int as n from login_failures where key = ${keys.email}`;
  expect(before[0]?.n).toBe(2);
  expect(await pruneLoginFailures(db.db, T0)).toBeGreaterThanOrEqual(2);
  const after = await db.sql`select count(*)::int as n from login_failures where key = ${keys.email}`;
  expect(after[0]?.n).toBe(1);
});
