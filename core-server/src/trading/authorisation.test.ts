import { createTestDatabase } from '@tradewind/db/testing';
import { INTERNAL_PATHS, type TradingOp } from '@tradewind/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { startTestCore, TEST_ORIGIN, type TestCore } from '../test-support/test-core';
import { createTrader, type TestTrader } from '../test-support/trading-users';

/** RELIABILITY S4: user B with user A's ids gets NOT_FOUND on every op and every transport, and nothing changes. */
const SERVICE_TOKEN = 'authorisation-test-token-0123';
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let t: TestCore;
let a: TestTrader;
let b: TestTrader;
let aOrderId: string;

const order = { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.0100', price: '95000.00' };

/** Each op with A's ids, as B would send it: on A's account, or on B's own account with A's order. */
function bodies(): [string, TradingOp, Record<string, unknown>][] {
  return [
    ["A's account", 'place', { accountId: a.accountId, place: { kind: 'single', order } }],
    ["A's account", 'modify', { accountId: a.accountId, orderId: aOrderId, price: '95001.00' }],
    ["A's account", 'cancel', { accountId: a.accountId, orderId: aOrderId }],
    ["A's account", 'cancelAll', { accountId: a.accountId }],
    ["A's account", 'killSwitch', { accountId: a.accountId, engaged: true }],
    ["B's account, A's order", 'modify', { accountId: b.accountId, orderId: aOrderId, price: '95001.00' }],
    ["B's account, A's order", 'cancel', { accountId: b.accountId, orderId: aOrderId }],
  ];
}

const REST: Record<TradingOp, [string, string]> = {
  place: ['POST', '/v1/orders'],
  modify: ['PATCH', '/v1/orders'],
  cancel: ['DELETE', '/v1/orders'],
  cancelAll: ['POST', '/v1/orders/cancel-all'],
  killSwitch: ['POST', '/v1/accounts/kill-switch'],
};

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestCore(db, { serviceToken: SERVICE_TOKEN });
  a = await createTrader(db);
  b = await createTrader(db);
  const placed = await t.core.trading.submit(a.userId, {
    op: 'place',
    accountId: a.accountId,
    place: { kind: 'single', order },
  } as never);
  if (!placed.ok || placed.orderId === undefined) throw new Error('setup order refused');
  aOrderId = placed.orderId;
  // B's account must exist in the engine too, so "B's account, A's order" is about the order alone.
  await t.core.trading.submit(b.userId, { op: 'cancelAll', accountId: b.accountId });
});
afterAll(async () => {
  await t?.core.close();
  await db?.close();
});

describe("another user's ids are NOT_FOUND everywhere", () => {
  it('over the WebSocket, REST (token and API key) and the internal API, for every op; A’s order and state are untouched', async () => {
    const hashBefore = t.core.trading.stateHash();
    const seqBefore = t.core.trading.lastSeq;
    const ws = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
    const token = await b.token(Math.floor(t.clock.nowMs() / 1000));
    const bKey = (await b.apiKey(['read', 'trade'])).key;
    ws.send({ op: 'auth', id: 'auth', token });
    await ws.next('authed');
    let n = 0;
    for (const [what, op, body] of bodies()) {
      const label = `${op} on ${what}`;
      const viaWs = await ws.request({ op, id: `r${n++}`, ...body } as never);
      expect(viaWs, `WS ${label}`).toMatchObject({ type: 'reject', code: 'NOT_FOUND' });
      const [method, path] = REST[op];
      const viaRest = await fetch(`${t.httpUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      expect([viaRest.status, await viaRest.json()], `REST ${label}`).toMatchObject([
        404,
        { ok: false, code: 'NOT_FOUND' },
      ]);
      const viaKey = await fetch(`${t.httpUrl}${path}`, {
        method,
        headers: { authorization: `ApiKey ${bKey}` },
        body: JSON.stringify(body),
      });
      expect([viaKey.status, await viaKey.json()], `REST API key ${label}`).toMatchObject([
        404,
        { ok: false, code: 'NOT_FOUND' },
      ]);
      const viaEdge = await fetch(`${t.httpUrl}${INTERNAL_PATHS[op]}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SERVICE_TOKEN}` },
        body: JSON.stringify({ userId: b.userId, ...body }),
      });
      expect([viaEdge.status, await viaEdge.json()], `internal ${label}`).toMatchObject([
        404,
        { ok: false, code: 'NOT_FOUND' },
      ]);
    }
    expect(t.core.trading.lastSeq).toBe(seqBefore);
    expect(t.core.trading.stateHash()).toBe(hashBefore);
    await t.core.trading.projected();
    const rows = await db.sql`select status, price::text from orders where order_id = ${aOrderId}`;
    expect(rows[0]).toEqual({ status: 'accepted', price: '95000.00' });
    await ws.close();
  });

  it("A's account data is NOT_FOUND to B over REST reads, with B's token and with B's read key", async () => {
    const token = await b.token(Math.floor(t.clock.nowMs() / 1000));
    const bKey = (await b.apiKey(['read'])).key;
    for (const what of ['orders', 'fills', 'positions', 'balances']) {
      for (const authorization of [`Bearer ${token}`, `ApiKey ${bKey}`]) {
        const r = await fetch(`${t.httpUrl}/v1/accounts/${a.accountId}/${what}`, { headers: { authorization } });
        expect([r.status, await r.json()], `${what} with ${authorization.split(' ')[0]}`).toMatchObject([
          404,
          { ok: false, code: 'NOT_FOUND' },
        ]);
      }
    }
  });

  it('an unknown account id is NOT_FOUND too (no oracle between "not yours" and "does not exist")', async () => {
    const r = await t.core.trading.submit(b.userId, {
      op: 'cancelAll',
      accountId: '00000000-0000-4000-8000-000000000000',
    });
    expect(r).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      message: 'account 00000000-0000-4000-8000-000000000000 not found',
    });
  });
});
