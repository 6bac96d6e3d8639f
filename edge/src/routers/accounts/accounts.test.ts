import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerAndSignIn, rejection, startTestEdgeWithCore, type TestEdge } from '../../test-support/edge-harness';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdgeWithCore();
}, 90_000);
afterAll(() => edge?.close());

const reasonOf = async (call: Promise<unknown>) => {
  const e = await rejection(call);
  return { code: e.data?.code, reason: e.data?.reason };
};

test('a user opens one margin account (2–10×), funded like the first; it can borrow where the cash account cannot', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  for (const leverage of [1, 11, 2.5]) {
    expect((await reasonOf(client.trpc.accounts.openMargin.mutate({ leverage }))).code).toBe('BAD_REQUEST');
  }
  const margin = await client.trpc.accounts.openMargin.mutate({ leverage: 5 });
  expect(margin).toMatchObject({
    name: 'Margin',
    cash: '100000.00',
    margin: { leverage: 5, maintenanceMarginBps: 500, marginCallBps: 15_000 },
  });
  expect(await reasonOf(client.trpc.accounts.openMargin.mutate({ leverage: 3 }))).toEqual({
    code: 'CONFLICT',
    reason: 'ACCOUNT_MARGIN_EXISTS',
  });
  const accounts = (await client.trpc.auth.me.query()).accounts;
  expect(accounts.map((a) => [a.name, a.margin?.leverage ?? null])).toEqual([
    ['Paper', null],
    ['Margin', 5],
  ]);

  // 1,000 AAPL at 220.00 = 220,000 of exposure on 100,000 of cash: only a margin account may (5× → 44,000 of margin).
  const big = { symbol: 'AAPL', side: 'buy' as const, type: 'limit' as const, quantity: '1000', price: '220.00' };
  const cashAccount = accounts[0]?.id ?? '';
  const refused = await reasonOf(
    client.trpc.trading.place.mutate({ accountId: cashAccount, place: { kind: 'single', order: big } }),
  );
  expect(refused.reason).toMatch(/^RISK_/);
  const ack = await client.trpc.trading.place.mutate({ accountId: margin.id, place: { kind: 'single', order: big } });
  expect(ack).toMatchObject({ status: 'accepted' });
});

test("another user cannot trade on someone's margin account", async () => {
  const alice = edge.client();
  await registerAndSignIn(alice);
  const margin = await alice.trpc.accounts.openMargin.mutate({ leverage: 2 });
  const bob = edge.client();
  await registerAndSignIn(bob);
  expect((await reasonOf(bob.trpc.trading.openOrders.query({ accountId: margin.id }))).code).toBe('NOT_FOUND');
  expect((await bob.trpc.accounts.list.query()).map((a) => a.id)).not.toContain(margin.id);
});
