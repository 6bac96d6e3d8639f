import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricValue, startTestCore, type TestCore } from '../test-support/test-core';
import { createTrader, type TestTrader } from '../test-support/trading-users';
import { API_KEY_BURST, API_KEY_CACHE_MS, API_KEY_LOOKUPS_PER_S } from './api-keys';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let t: TestCore;
let trader: TestTrader;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestCore(db);
  trader = await createTrader(db);
});
afterAll(async () => {
  await t?.core.close();
  await db?.close();
});

const order = { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.0100', price: '90000.00' };

function place(headers: Record<string, string>, clientOrderId: string) {
  return fetch(`${t.httpUrl}/v1/orders`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      accountId: trader.accountId,
      place: { kind: 'single', order: { ...order, clientOrderId } },
    }),
  });
}
const readOrders = (headers: Record<string, string>) =>
  fetch(`${t.httpUrl}/v1/accounts/${trader.accountId}/orders`, { headers });
const apiKey = (key: string) => ({ authorization: `ApiKey ${key}` });

describe('REST with per-user API keys', () => {
  it('a read+trade key places an order (Authorization: ApiKey) and reads it back (X-API-Key); last use is recorded', async () => {
    const { id, key } = await trader.apiKey(['read', 'trade']);
    const placed = await place(apiKey(key), 'key-1');
    expect([placed.status, await placed.json()]).toMatchObject([200, { ok: true, clientOrderId: 'key-1' }]);
    const read = await readOrders({ 'x-api-key': key });
    const body = (await read.json()) as { orders: { clientOrderId: string }[] };
    expect(read.status).toBe(200);
    expect(body.orders.map((o) => o.clientOrderId)).toContain('key-1');
    await expect
      .poll(async () => (await db.sql`select last_used_at from api_keys where id = ${id}`)[0]?.last_used_at)
      .not.toBeNull();
  });

  it('a wrong secret, a malformed key and an unknown id are all 401 with one message; nothing is placed', async () => {
    const { id, key } = await trader.apiKey(['trade']);
    const wrong = `${id}.${'A'.repeat(43)}`;
    const unknown = `00000000-0000-4000-8000-000000000000.${key.split('.')[1]}`;
    for (const k of [wrong, unknown]) {
      const r = await place(apiKey(k), `bad-${k.slice(0, 8)}`);
      expect([r.status, await r.json()]).toEqual([
        401,
        { ok: false, code: 'AUTH_REQUIRED', message: 'invalid, revoked or expired API key' },
      ]);
    }
    const malformed = await place({ 'x-api-key': 'not-a-key' }, 'bad-m');
    expect([malformed.status, await malformed.json()]).toMatchObject([401, { code: 'AUTH_REQUIRED' }]);
    const rows = await db.sql`select 1 from orders where client_order_id like 'bad-%'`;
    expect(rows).toHaveLength(0);
  });

  it('a read-only key reads but may not trade (403), and a key never halts (admin needs a token)', async () => {
    const { key } = await trader.apiKey(['read']);
    expect((await readOrders(apiKey(key))).status).toBe(200);
    const r = await place(apiKey(key), 'ro-1');
    expect([r.status, await r.json()]).toMatchObject([403, { code: 'FORBIDDEN' }]);
    const admin = await createTrader(db, 0n, 'admin');
    const adminKey = await admin.apiKey(['read', 'trade']);
    const halt = await fetch(`${t.httpUrl}/v1/admin/halt`, {
      method: 'POST',
      headers: apiKey(adminKey.key),
      body: JSON.stringify({ symbol: 'BTC-USD', halted: true }),
    });
    expect([halt.status, await halt.json()]).toMatchObject([403, { code: 'FORBIDDEN' }]);
  });

  it('a revoked key stops working within the cache time; an expired key at once', async () => {
    const { id, key } = await trader.apiKey(['read']);
    expect((await readOrders(apiKey(key))).status).toBe(200);
    await db.sql`update api_keys set revoked_at = now() where id = ${id}`;
    t.clock.advance(API_KEY_CACHE_MS);
    expect((await readOrders(apiKey(key))).status).toBe(401);

    const expiring = await trader.apiKey(['read'], t.clock.nowMs() + 1_000);
    expect((await readOrders(apiKey(expiring.key))).status).toBe(200);
    t.clock.advance(1_000);
    expect((await readOrders(apiKey(expiring.key))).status).toBe(401);
  });

  it('each key is rate limited (429 past its burst), counted on /metrics', async () => {
    const { key } = await trader.apiKey(['read']);
    const statuses: number[] = [];
    for (let i = 0; i <= API_KEY_BURST; i += 1) statuses.push((await readOrders(apiKey(key))).status);
    expect(statuses.slice(0, API_KEY_BURST).every((s) => s === 200)).toBe(true);
    expect(statuses[API_KEY_BURST]).toBe(429);
    const metrics = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metricValue(metrics, 'core_api_key_checks_total', '{outcome="rate_limited"}')).toBeGreaterThanOrEqual(1);
  });

  it('a flood of guessed ids spends the lookup budget (429) but never locks out a real key whose cache went stale', async () => {
    const { key } = await trader.apiKey(['read']);
    expect((await readOrders(apiKey(key))).status).toBe(200);
    t.clock.advance(API_KEY_CACHE_MS);
    const secret = key.split('.')[1];
    const guessed = Array.from(
      { length: API_KEY_LOOKUPS_PER_S + 10 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}.${secret}`,
    );
    const statuses = await Promise.all(guessed.map(async (g) => (await readOrders(apiKey(g))).status));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect((await readOrders(apiKey(key))).status).toBe(200);
  });
});
