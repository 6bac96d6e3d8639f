import { createTestDatabase } from '@tradewind/db/testing';
import type { ServerFrame } from '@tradewind/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { startTestCore, TEST_ORIGIN, type TestCore } from '../test-support/test-core';
import { createTrader, type TestTrader } from '../test-support/trading-users';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let t: TestCore;
let a: TestTrader;
let b: TestTrader;
const SERVICE_TOKEN = 'test-service-token-0123456789';

const limitBuy = (accountId: string, price = '95000.00', quantity = '0.0100') => ({
  accountId,
  place: { kind: 'single', order: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity, price } },
});

async function authed(trader: TestTrader): Promise<TestClient> {
  const c = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
  await c.next('hello');
  c.send({ op: 'auth', id: 'auth', token: await trader.token(Math.floor(t.clock.nowMs() / 1000)) });
  return c;
}

async function http(method: string, path: string, body: unknown, bearer: string) {
  const res = await fetch(`${t.httpUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const journalRows = async () => Number((await db.sql`select count(*)::int as n from journal_commands`)[0]?.n);

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestCore(db, { serviceToken: SERVICE_TOKEN });
  a = await createTrader(db);
  b = await createTrader(db);
});
afterAll(async () => {
  await t?.core.close();
  await db?.close();
});

describe('order entry over the WebSocket', () => {
  it('an order sent right after auth waits for it, and the ack comes only once the command is journalled', async () => {
    const c = await authed(a);
    // No wait for `authed`: the order op must wait for the pending verification.
    c.send({ op: 'place', id: 'p1', ...limitBuy(a.accountId) });
    const ack = await c.next('ack', (f) => f.id === 'p1');
    expect(ack).toMatchObject({ op: 'place', status: 'accepted' });
    const orderId = (ack as { orderId: string }).orderId;
    // Durable before the ack: the command is in the journal already; the query tables and the
    // outbox follow in the projection writer's next transaction.
    await t.core.trading.projected();
    expect(t.core.trading.projectedSeq).toBe(t.core.trading.lastSeq);
    const rows = await db.sql`select status, quantity::text, price::text from orders where order_id = ${orderId}`;
    expect(rows[0]).toEqual({ status: 'accepted', quantity: '0.0100', price: '95000.00' });
    expect(await journalRows()).toBeGreaterThanOrEqual(3); // open, deposit, place
    // The domain event left through the bus outbox in the projection's transaction.
    const outbox = await db.sql`select type, user_id from outbox where account_id = ${a.accountId}`;
    expect(outbox).toContainEqual({ type: 'order.accepted', user_id: a.userId });
    const mod = await c.request({ op: 'modify', id: 'm1', accountId: a.accountId, orderId, price: '95001.00' });
    expect(mod).toMatchObject({ type: 'ack', orderId, status: 'accepted' });
    const cancel = await c.request({ op: 'cancel', id: 'c1', accountId: a.accountId, orderId });
    expect(cancel).toMatchObject({ type: 'ack', orderId, status: 'cancelled' });
    await t.core.trading.projected();
    const after = await db.sql`select status, price::text from orders where order_id = ${orderId}`;
    expect(after[0]).toEqual({ status: 'cancelled', price: '95001.00' });
    await c.close();
  });

  it('an order before auth is refused with AUTH_REQUIRED', async () => {
    const c = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
    const r = await c.request({ op: 'place', id: 'x', ...limitBuy(a.accountId) } as never);
    expect(r).toMatchObject({ type: 'reject', code: 'AUTH_REQUIRED' });
    await c.close();
  });

  it('a price off the tick grid is rejected with OFF_GRID and changes nothing', async () => {
    const c = await authed(a);
    await c.next('authed');
    const before = t.core.trading.lastSeq;
    const r = await c.request({ op: 'place', id: 'g', ...limitBuy(a.accountId, '95000.001') } as never);
    expect(r).toMatchObject({ type: 'reject', code: 'OFF_GRID' });
    expect(t.core.trading.lastSeq).toBe(before);
    await c.close();
  });

  it('the owner gets order, fill, position and balance frames on acct.<id>; another user may not subscribe', async () => {
    await t.core.trading.submitInternal({ type: 'OpenAccount', accountId: 'sim-test-mm', kind: 'margin', leverage: 5 });
    await t.core.trading.submitInternal({
      type: 'Deposit',
      accountId: 'sim-test-mm',
      currency: 'USD',
      amountMinor: 10_000_000_00n,
    });
    const sell = { symbol: 'BTC-USD', side: 'sell', orderType: 'limit', qtyLots: 20, priceTicks: 9_650_000 } as const;
    const sold = await t.core.trading.submitInternal({ type: 'PlaceOrder', accountId: 'sim-test-mm', order: sell });
    expect(sold.some((e) => e.type === 'OrderAccepted')).toBe(true);
    const c = await authed(a);
    await c.next('authed');
    expect(await c.request({ op: 'subscribe', id: 's', topics: [`acct.${a.accountId}`] })).toMatchObject({
      type: 'ack',
    });
    const buy = { symbol: 'BTC-USD', side: 'buy', type: 'market', quantity: '0.0010' };
    c.send({ op: 'place', id: 'mk', accountId: a.accountId, place: { kind: 'single', order: buy } });
    // Private frames are published as soon as the command is durable, so they precede the ack.
    const frames = await c.until((f: ServerFrame) => f.type === 'ack' && f.id === 'mk');
    expect(frames.at(-1)).toMatchObject({ type: 'ack', status: 'filled' });
    expect(frames.map((f) => f.type)).toEqual(expect.arrayContaining(['order', 'fill', 'position', 'balance']));
    expect(frames.find((f) => f.type === 'fill')).toMatchObject({
      topic: `acct.${a.accountId}`,
      fill: { price: '96500.00', quantity: '0.0010', side: 'buy' },
    });
    await t.core.trading.projected();
    const fills = await db.sql`select price::text, quantity::text from fills where account_id = ${a.accountId}`;
    expect(fills).toEqual([{ price: '96500.00', quantity: '0.0010' }]);
    const pos = await db.sql`select quantity::text from positions where account_id = ${a.accountId}`;
    expect(pos).toEqual([{ quantity: '0.0010' }]);
    const other = await authed(b);
    await other.next('authed');
    expect(await other.request({ op: 'subscribe', id: 's2', topics: [`acct.${a.accountId}`] })).toMatchObject({
      type: 'error',
      code: 'TOPIC_FORBIDDEN',
    });
    await c.close();
    await other.close();
  });
});

describe('live stops', () => {
  it('a stop-loss triggers on a live trade of the book, fills, and the owner is told', async () => {
    const c = await authed(a);
    await c.next('authed');
    await c.request({ op: 'subscribe', id: 's', topics: [`acct.${a.accountId}`] });
    const stop = { symbol: 'BTC-USD', side: 'sell', type: 'stop_market', quantity: '0.0010', triggerPrice: '96000.00' };
    const placed = await c.request({
      op: 'place',
      id: 'stop',
      accountId: a.accountId,
      place: { kind: 'single', order: stop },
    } as never);
    expect(placed).toMatchObject({ type: 'ack', status: 'accepted' });
    const stopId = (placed as { orderId: string }).orderId;
    // The market moves: a bid rests at 95,950 and another system account sells into it.
    const bid = { symbol: 'BTC-USD', side: 'buy', orderType: 'limit', qtyLots: 1_000, priceTicks: 9_595_000 } as const;
    await t.core.trading.submitInternal({ type: 'PlaceOrder', accountId: 'sim-test-mm', order: bid });
    await t.core.trading.submitInternal({
      type: 'OpenAccount',
      accountId: 'sim-test-taker',
      kind: 'margin',
      leverage: 5,
    });
    await t.core.trading.submitInternal({
      type: 'Deposit',
      accountId: 'sim-test-taker',
      currency: 'USD',
      amountMinor: 10_000_000_00n,
    });
    const hit = { symbol: 'BTC-USD', side: 'sell', orderType: 'market', qtyLots: 10 } as const;
    await t.core.trading.submitInternal({ type: 'PlaceOrder', accountId: 'sim-test-taker', order: hit });
    const frames = await c.until(
      (f: ServerFrame) => f.type === 'order' && f.order.orderId === stopId && f.order.status === 'filled',
    );
    expect(frames.find((f) => f.type === 'alert')).toMatchObject({
      alert: { kind: 'stop_triggered', orderId: stopId },
    });
    expect(frames.find((f) => f.type === 'fill')).toMatchObject({
      fill: { orderId: stopId, price: '95950.00', side: 'sell' },
    });
    await t.core.trading.projected();
    const row = await db.sql`select status from orders where order_id = ${stopId}`;
    expect(row[0]).toEqual({ status: 'filled' });
    await c.close();
  });
});

describe('REST and internal endpoints end in the same order-entry function', () => {
  it('place, modify and cancel over REST with a JWT and over the internal API with the service token', async () => {
    const token = await a.token(Math.floor(t.clock.nowMs() / 1000));
    const seq0 = t.core.trading.lastSeq;
    const placed = await http('POST', '/v1/orders', limitBuy(a.accountId, '94000.00'), token);
    expect(placed).toMatchObject({ status: 200, body: { ok: true, status: 'accepted' } });
    const orderId = placed.body.orderId as string;
    // An HTTP answer waits for the projection too: what edge reads next is already there.
    const row = await db.sql`select status from orders where order_id = ${orderId}`;
    expect(row[0]).toEqual({ status: 'accepted' });
    const mod = await http('PATCH', '/v1/orders', { accountId: a.accountId, orderId, quantity: '0.25' }, token);
    expect(mod).toMatchObject({ status: 200, body: { ok: true, orderId } });
    const viaEdge = await http(
      'POST',
      '/internal/v1/orders/cancel',
      { userId: a.userId, accountId: a.accountId, orderId },
      SERVICE_TOKEN,
    );
    expect(viaEdge).toMatchObject({ status: 200, body: { ok: true, status: 'cancelled' } });
    expect(t.core.trading.lastSeq).toBe(seq0 + 3n);
    expect(await journalRows()).toBe(Number(t.core.trading.lastSeq));
  });

  it('GET /v1/accounts/<id>/orders|fills|positions|balances reads the query tables, own accounts only', async () => {
    const now = Math.floor(t.clock.nowMs() / 1000);
    const get = async (path: string, token: string) => {
      const res = await fetch(`${t.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const mine = await get(`/v1/accounts/${a.accountId}/fills`, await a.token(now));
    expect(mine.status).toBe(200);
    expect(mine.body.fills).toEqual(
      expect.arrayContaining([expect.objectContaining({ price: '96500.00', quantity: '0.0010', side: 'buy' })]),
    );
    const bal = await get(`/v1/accounts/${a.accountId}/balances`, await a.token(now));
    expect(bal).toMatchObject({ status: 200, body: { balances: [{ currency: 'USD' }] } });
    for (const what of ['orders', 'fills', 'positions', 'balances']) {
      expect(await get(`/v1/accounts/${a.accountId}/${what}`, await b.token(now))).toMatchObject({
        status: 404,
        body: { code: 'NOT_FOUND' },
      });
    }
  });

  it('the internal API refuses a wrong service token (401) and REST refuses a missing JWT', async () => {
    const bad = await http('POST', '/internal/v1/orders/place', { userId: a.userId, ...limitBuy(a.accountId) }, 'nope');
    expect(bad).toMatchObject({ status: 401, body: { ok: false, code: 'AUTH_REQUIRED' } });
    const none = await http('POST', '/v1/orders', limitBuy(a.accountId), '');
    expect(none).toMatchObject({ status: 401, body: { code: 'AUTH_REQUIRED' } });
  });

  it('an admin halts an instrument; a user may not', async () => {
    const admin = await createTrader(db, 0n, 'admin');
    const now = Math.floor(t.clock.nowMs() / 1000);
    expect(await http('POST', '/v1/admin/halt', { symbol: 'ETH-USD', halted: true }, await a.token(now))).toMatchObject(
      { status: 403 },
    );
    expect(
      await http('POST', '/v1/admin/halt', { symbol: 'ETH-USD', halted: true }, await admin.token(now)),
    ).toMatchObject({
      status: 200,
      body: { status: 'halted' },
    });
    const order = { symbol: 'ETH-USD', side: 'buy', type: 'limit', quantity: '0.010', price: '3000.00' };
    const r = await http(
      'POST',
      '/v1/orders',
      { accountId: a.accountId, place: { kind: 'single', order } },
      await a.token(now),
    );
    expect(r.status).toBe(422);
    await http('POST', '/v1/admin/halt', { symbol: 'ETH-USD', halted: false }, await admin.token(now));
  });

  it('the kill switch cancels every open order and halts the account until released', async () => {
    const token = await b.token(Math.floor(t.clock.nowMs() / 1000));
    await http('POST', '/v1/orders', limitBuy(b.accountId, '93000.00'), token);
    await http('POST', '/v1/orders', limitBuy(b.accountId, '93100.00'), token);
    const kill = await http('POST', '/v1/accounts/kill-switch', { accountId: b.accountId, engaged: true }, token);
    expect(kill).toMatchObject({ status: 200, body: { ok: true, status: 'halted', cancelled: 2 } });
    expect((await http('POST', '/v1/orders', limitBuy(b.accountId), token)).status).toBe(422);
    const events =
      await db.sql`select type from outbox where account_id = ${b.accountId} and type = 'account.kill_switch'`;
    expect(events.length).toBe(1);
    await http('POST', '/v1/accounts/kill-switch', { accountId: b.accountId, engaged: false }, token);
    expect((await http('POST', '/v1/orders', limitBuy(b.accountId), token)).status).toBe(200);
  });
});

describe('exactly-once submit (RELIABILITY R5)', () => {
  const withCid = (clientOrderId: string, side = 'buy', symbol = 'BTC-USD') => ({
    accountId: b.accountId,
    place: {
      kind: 'single',
      order: { symbol, side, type: 'limit', quantity: '0.0100', price: '90000.00', clientOrderId },
    },
  });
  const ordersWith = async (cid: string) =>
    Number(
      (
        await db.sql`select count(*)::int as n from orders where account_id = ${b.accountId} and client_order_id = ${cid}`
      )[0]?.n,
    );

  it('a retried place answers the first order (duplicate: true) and places nothing more, on every transport', async () => {
    const token = await b.token(Math.floor(t.clock.nowMs() / 1000));
    const first = await http('POST', '/v1/orders', withCid('r5-a'), token);
    expect(first).toMatchObject({ status: 200, body: { ok: true, clientOrderId: 'r5-a', status: 'accepted' } });
    const again = await http('POST', '/v1/orders', withCid('r5-a'), token);
    expect(again).toEqual({
      status: 200,
      body: { ok: true, duplicate: true, orderId: first.body.orderId, clientOrderId: 'r5-a', status: 'accepted' },
    });
    const c = await authed(b);
    const viaWs = await c.request({ op: 'place', id: 'dup', ...withCid('r5-a') } as never);
    expect(viaWs).toMatchObject({ type: 'ack', duplicate: true, orderId: first.body.orderId });
    await c.close();
    const viaEdge = await http(
      'POST',
      '/internal/v1/orders/place',
      { userId: b.userId, ...withCid('r5-a') },
      SERVICE_TOKEN,
    );
    expect(viaEdge.body).toMatchObject({ ok: true, duplicate: true, orderId: first.body.orderId });
    expect(await ordersWith('r5-a')).toBe(1);
  });

  it('the same client id for another side or instrument is still ORDER_DUPLICATE_CLIENT_ID; a done order is answered without a status', async () => {
    const token = await b.token(Math.floor(t.clock.nowMs() / 1000));
    const first = await http('POST', '/v1/orders', withCid('r5-b'), token);
    expect(first.status).toBe(200);
    for (const other of [withCid('r5-b', 'sell'), withCid('r5-b', 'buy', 'ETH-USD')]) {
      const r = await http('POST', '/v1/orders', other, token);
      expect(r).toMatchObject({ status: 422, body: { ok: false, code: 'ORDER_DUPLICATE_CLIENT_ID' } });
    }
    await http('DELETE', '/v1/orders', { accountId: b.accountId, clientOrderId: 'r5-b' }, token);
    const afterCancel = await http('POST', '/v1/orders', withCid('r5-b'), token);
    expect(afterCancel.body).toEqual({ ok: true, duplicate: true, orderId: first.body.orderId, clientOrderId: 'r5-b' });
    expect(await ordersWith('r5-b')).toBe(1);
  });
});
