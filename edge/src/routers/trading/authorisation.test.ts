import { afterAll, beforeAll, expect, test } from 'vitest';
import { rejection, signedInTrader, startTestEdgeWithCore, type TestEdge } from '../../test-support/edge-harness';

/**
 * RELIABILITY S4 against the real core: user B calls every trading procedure with user A's
 * account id and order id and gets NOT_FOUND every time; A's order is untouched.
 */
let edge: TestEdge;

beforeAll(async () => {
  // The core runs on the same database as edge, as under the supervisor. Its simulated AAPL
  // starts near 229.87 (seed 42): 220.00 rests inside the 10% price band.
  edge = await startTestEdgeWithCore();
}, 90_000);
afterAll(() => edge?.close());

const trader = () => signedInTrader(edge);

test("user B gets NOT_FOUND from every trading procedure with user A's ids", async () => {
  const alice = await trader();
  const bob = await trader();
  const ack = await alice.client.trpc.trading.place.mutate({
    accountId: alice.accountId,
    place: {
      kind: 'single',
      order: { symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', price: '220.00', clientOrderId: 'az-1' },
    },
  });
  const orderId = ack.orderId;
  if (!orderId) throw new Error('no order id');
  const t = bob.client.trpc.trading;
  const a = { accountId: alice.accountId };
  // Thunks: each call starts only when awaited, so no rejection is ever left unhandled.
  const calls: [string, () => Promise<unknown>][] = [
    [
      'place',
      () =>
        t.place.mutate({
          ...a,
          place: { kind: 'single', order: { symbol: 'AAPL', side: 'sell', type: 'market', quantity: '1' } },
        }),
    ],
    ['modify', () => t.modify.mutate({ ...a, orderId, price: '221.00' })],
    ['modify own account, their order', () => t.modify.mutate({ accountId: bob.accountId, orderId, price: '221.00' })],
    ['cancel', () => t.cancel.mutate({ ...a, orderId })],
    ['cancel own account, their order', () => t.cancel.mutate({ accountId: bob.accountId, orderId })],
    ['cancelAll', () => t.cancelAll.mutate(a)],
    ['killSwitch', () => t.killSwitch.mutate({ ...a, engaged: true })],
    ['openOrders', () => t.openOrders.query(a)],
    ['orderByClientId', () => t.orderByClientId.query({ ...a, clientOrderId: 'az-1' })],
    ['orderHistory', () => t.orderHistory.query(a)],
    ['fills', () => t.fills.query(a)],
    ['positions', () => t.positions.query(a)],
    ['balances', () => t.balances.query(a)],
  ];
  for (const [name, call] of calls) {
    const e = await rejection(call());
    expect({ name, code: e.data?.code }).toEqual({ name, code: 'NOT_FOUND' });
  }
  const open = await alice.client.trpc.trading.openOrders.query({ accountId: alice.accountId });
  expect(open).toEqual([
    expect.objectContaining({ orderId, status: 'accepted', price: expect.stringMatching(/^220\.0*$/) }),
  ]);
  expect(await bob.client.trpc.trading.openOrders.query({ accountId: bob.accountId })).toEqual([]);
  // Bob's own account has no order with Alice's client id; Alice finds hers by it (R5 reconcile).
  expect(await t.orderByClientId.query({ accountId: bob.accountId, clientOrderId: 'az-1' })).toBeNull();
  expect(
    await alice.client.trpc.trading.orderByClientId.query({ accountId: alice.accountId, clientOrderId: 'az-1' }),
  ).toMatchObject({ orderId, clientOrderId: 'az-1' });
});

test('through the real core: place, modify, cancel, then the projected reads show it; the kill switch halts', async () => {
  const alice = await trader();
  const t = alice.client.trpc.trading;
  const a = { accountId: alice.accountId };
  const ack = await t.place.mutate({
    ...a,
    place: {
      kind: 'single',
      order: { symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '2', price: '220.00', clientOrderId: 'rt-1' },
    },
  });
  expect(ack).toMatchObject({ clientOrderId: 'rt-1', status: 'accepted' });
  const orderId = ack.orderId ?? '';
  await t.modify.mutate({ ...a, orderId, quantity: '1' });
  expect(await t.openOrders.query(a)).toEqual([
    expect.objectContaining({ orderId, quantity: '1', status: 'accepted', clientOrderId: 'rt-1' }),
  ]);
  // A retry (same client order id) answers the order already placed (R5); another side is a conflict.
  const retried = await t.place.mutate({
    ...a,
    place: {
      kind: 'single',
      order: { symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', price: '220.00', clientOrderId: 'rt-1' },
    },
  });
  expect(retried).toEqual({ orderId, clientOrderId: 'rt-1', duplicate: true, status: 'accepted' });
  const duplicate = await rejection(
    t.place.mutate({
      ...a,
      place: {
        kind: 'single',
        order: { symbol: 'AAPL', side: 'sell', type: 'limit', quantity: '1', price: '220.00', clientOrderId: 'rt-1' },
      },
    }),
  );
  expect({ code: duplicate.data?.code, reason: duplicate.data?.reason }).toEqual({
    code: 'CONFLICT',
    reason: 'ORDER_DUPLICATE_CLIENT_ID',
  });
  await t.cancel.mutate({ ...a, clientOrderId: 'rt-1' });
  expect(await t.openOrders.query(a)).toEqual([]);
  const history = await t.orderHistory.query(a);
  expect(history.items[0]).toMatchObject({ orderId, status: 'cancelled' });

  await t.killSwitch.mutate({ ...a, engaged: true });
  const halted = await rejection(
    t.place.mutate({
      ...a,
      place: { kind: 'single', order: { symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', price: '220.00' } },
    }),
  );
  expect(halted.data?.code).toBe('UNPROCESSABLE_CONTENT');
  expect(halted.data?.reason).toMatch(/HALTED/);
  await t.killSwitch.mutate({ ...a, engaged: false });
});
