import { schema } from '@tradewind/db';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';
import { HISTORY_PAGE_SIZE_MAX } from './reads';

/**
 * Reads of the query tables core projects. Rows are written here straight into the real
 * PostgreSQL tables (core's projector is tested in core-server); what is tested is edge's
 * scoping, paging and views.
 */
let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

async function trader() {
  const client = edge.client();
  const { signedIn } = await registerAndSignIn(client);
  const me = await client.trpc.auth.me.query();
  const accountId = me.accounts[0]?.id;
  if (!accountId) throw new Error('no account');
  return { client, accountId, userId: signedIn.user.id };
}

let nextOrderId = 1000;
async function seed(accountId: string) {
  const at = new Date(Date.UTC(2026, 10, 24, 12));
  const ids = Array.from({ length: 5 }, () => ++nextOrderId);
  await edge.db.db.insert(schema.orders).values(
    ids.map((orderId, i) => ({
      orderId,
      accountId,
      clientOrderId: `c-${orderId}`,
      symbol: 'BTC-USD',
      side: 'buy' as const,
      type: 'limit',
      timeInForce: 'GTC',
      status: i < 2 ? 'accepted' : 'cancelled',
      quantity: '0.0100',
      filledQuantity: '0',
      price: '90000.00',
      createdAt: at,
      updatedAt: at,
    })),
  );
  await edge.db.db.insert(schema.fills).values(
    ids.map((orderId, i) => ({
      tradeId: orderId * 10,
      orderId,
      accountId,
      clientOrderId: `c-${orderId}`,
      symbol: 'BTC-USD',
      side: 'buy' as const,
      price: `9000${i}.00`,
      quantity: '0.0010',
      fee: '0.05',
      liquidity: 'taker' as const,
      ts: at,
    })),
  );
  await edge.db.db.insert(schema.positions).values([
    { accountId, symbol: 'BTC-USD', quantity: '0.0050', cost: '450.10', realisedPnl: '0', updatedAt: at },
    // Closed: the row stays for its realised PnL, but it is not an open position.
    { accountId, symbol: 'ETH-USD', quantity: '0.000', cost: '0.00', realisedPnl: '-3.10', updatedAt: at },
  ]);
  await edge.db.db.insert(schema.balances).values({ accountId, currency: 'USD', balance: '99549.65', updatedAt: at });
  return ids;
}

test('a trader reads their open orders, history, fills, positions and balances; auth.me shows the projected cash', async () => {
  const alice = await trader();
  expect((await alice.client.trpc.auth.me.query()).accounts[0]?.cash).toBe('100000.00');
  const ids = await seed(alice.accountId);
  const t = alice.client.trpc.trading;
  const open = await t.openOrders.query({ accountId: alice.accountId });
  expect(open.map((o) => o.orderId)).toEqual([String(ids[1]), String(ids[0])]);
  expect(open[0]).toMatchObject({ status: 'accepted', price: '90000.00', quantity: '0.0100', side: 'buy' });
  expect(open[0]).not.toHaveProperty('triggerPrice');
  const history = await t.orderHistory.query({ accountId: alice.accountId, limit: 2 });
  expect(history.items.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
  const page2 = await t.orderHistory.query({ accountId: alice.accountId, limit: 2, cursor: history.nextCursor ?? '' });
  expect(page2).toEqual({ items: [expect.objectContaining({ orderId: String(ids[2]) })], nextCursor: null });
  const f1 = await t.fills.query({ accountId: alice.accountId, limit: 3 });
  const f2 = await t.fills.query({ accountId: alice.accountId, limit: 3, cursor: f1.nextCursor ?? '' });
  expect([...f1.items, ...f2.items].map((f) => f.orderId)).toEqual(ids.map(String).reverse());
  expect(f2.nextCursor).toBeNull();
  expect(await t.positions.query({ accountId: alice.accountId })).toEqual([
    expect.objectContaining({ symbol: 'BTC-USD', quantity: '0.0050', cost: '450.10' }),
  ]);
  expect(await t.balances.query({ accountId: alice.accountId })).toEqual([
    expect.objectContaining({ currency: 'USD', balance: '99549.65' }),
  ]);
  const me = await alice.client.trpc.auth.me.query();
  expect(me.accounts[0]).toMatchObject({ cash: '99549.65', cashMinor: '9954965' });
});

test("another user's account id is NOT_FOUND on every read, and their own lists stay empty", async () => {
  const alice = await trader();
  await seed(alice.accountId);
  const bob = await trader();
  const t = bob.client.trpc.trading;
  const a = { accountId: alice.accountId };
  for (const call of [
    () => t.openOrders.query(a),
    () => t.orderHistory.query(a),
    () => t.fills.query(a),
    () => t.positions.query(a),
    () => t.balances.query(a),
  ]) {
    const e = await rejection(call());
    expect({ code: e.data?.code, reason: e.data?.reason }).toEqual({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
  }
  expect(await t.openOrders.query({ accountId: bob.accountId })).toEqual([]);
  expect(await t.positions.query({ accountId: bob.accountId })).toEqual([]);
});

test('page sizes are bounded: HISTORY_PAGE_SIZE_MAX is accepted, one more is refused', async () => {
  const alice = await trader();
  const t = alice.client.trpc.trading;
  const ok = await t.orderHistory.query({ accountId: alice.accountId, limit: HISTORY_PAGE_SIZE_MAX });
  expect(ok.items).toEqual([]);
  const e = await rejection(t.fills.query({ accountId: alice.accountId, limit: HISTORY_PAGE_SIZE_MAX + 1 }));
  expect(e.data?.code).toBe('BAD_REQUEST');
  const bad = await rejection(t.fills.query({ accountId: alice.accountId, cursor: '1:0' }));
  expect(bad.data?.code).toBe('BAD_REQUEST');
});
