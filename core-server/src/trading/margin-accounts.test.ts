import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { startTestCore, TEST_ORIGIN, type TestCore } from '../test-support/test-core';
import { createTrader, type TestTrader } from '../test-support/trading-users';
import { marginLevelText } from './event-projector';

/**
 * Margin for users (issue 4: "margin calls and liquidations happen live"): a user's margin paper
 * account (accounts.leverage) is opened as an engine margin account, so a price move brings a
 * margin call and then a liquidation, which reach the user on the private topic and the bus.
 * Prices move by MarkPrices through submitInternal, the venue entry the simulated market uses.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let t: TestCore;
let long: TestTrader;
let short: TestTrader;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestCore(db);
  long = await createTrader(db, 100_000_00n, 'user', 10);
  short = await createTrader(db, 100_000_00n, 'user', 10);
});
afterAll(async () => {
  await t?.core.close();
  await db?.close();
});

/** BTC-USD ticks are cents. */
const mark = (dollars: number) =>
  t.core.trading.submitInternal({ type: 'MarkPrices', marks: [{ symbol: 'BTC-USD', priceTicks: dollars * 100 }] });
const order = (side: 'buy' | 'sell', quantity: string) => ({
  op: 'place' as const,
  place: {
    kind: 'single' as const,
    order: { symbol: 'BTC-USD', side, type: 'limit' as const, quantity, price: '100000.00' },
  },
});
const busEvents = async (accountId: string) =>
  (
    await db.sql`select type, user_id from outbox where account_id = ${accountId} and type like 'margin.%' order by seq`
  ).map((r) => `${r.type}:${r.user_id}`);

describe('a user margin account', () => {
  it('borrows up to its leverage, gets a margin call as the price falls, then is liquidated; the user is told each time', async () => {
    await mark(100_000);
    // 9 BTC at 100,000 = 900,000 of exposure on 100,000 of cash: 10× leverage. A cash account could not.
    const sold = await t.core.trading.submit(short.userId, { ...order('sell', '9'), accountId: short.accountId });
    expect(sold).toMatchObject({ ok: true, status: 'accepted' });
    const ws = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
    await ws.next('hello');
    await ws.request({ op: 'auth', id: 'a', token: await long.token(Math.floor(t.clock.nowMs() / 1000)) });
    expect(await ws.request({ op: 'subscribe', id: 's', topics: [`acct.${long.accountId}`] })).toMatchObject({
      type: 'ack',
    });
    const bought = await t.core.trading.submit(long.userId, { ...order('buy', '9'), accountId: long.accountId });
    expect(bought).toMatchObject({ ok: true, status: 'filled' });
    await expect
      .poll(
        async () =>
          (await db.sql`select quantity::text from positions where account_id = ${long.accountId}`)[0]?.quantity,
      )
      .toBe('9.0000');
    // Equity = 9P − 800,000; maintenance = 5% of 9P; the call comes below 1.5× maintenance (P < 96,097).
    await mark(97_000);
    expect(await busEvents(long.accountId)).toEqual([]);
    await mark(95_000);
    const call = await ws.next('alert', (f) => f.alert.kind === 'margin_call');
    await expect.poll(() => busEvents(long.accountId)).toEqual([`margin.call:${long.userId}`]);
    const [row] =
      await db.sql`select payload from outbox where account_id = ${long.accountId} and type = 'margin.call'`;
    const payload = row?.payload as { marginLevel: string; equityMinor: string; maintenanceMarginMinor: string };
    // Equity = 9 × 95,000 − 800,000 − the buy's taker fee (≤ 0.1% of 900,000); maintenance 5% × 855,000.
    expect(payload.maintenanceMarginMinor).toBe('4275000');
    expect(BigInt(payload.equityMinor)).toBeLessThanOrEqual(5_500_000n);
    expect(BigInt(payload.equityMinor)).toBeGreaterThanOrEqual(5_500_000n - 90_000n);
    expect(payload.marginLevel).toBe(marginLevelText(BigInt(payload.equityMinor), 4_275_000n));
    expect(call.alert.message).toBe(`margin call: equity is ${payload.marginLevel} of the maintenance margin`);
    // Below maintenance (P < 93,568): orders cancelled, the position closed.
    await mark(93_000);
    await ws.next('alert', (f) => f.alert.kind === 'liquidated');
    await t.core.trading.projected(); // the outbox follows the journal by a transaction or two
    expect(await busEvents(long.accountId)).toEqual([
      `margin.call:${long.userId}`,
      `margin.liquidation:${long.userId}`,
    ]);
    const positionNow = async () =>
      Number((await db.sql`select quantity::text from positions where account_id = ${long.accountId}`)[0]?.quantity);
    await expect.poll(positionNow).toBe(0);
    // The short side gained: it is not called.
    expect(await busEvents(short.accountId)).toEqual([]);
    await ws.close();
  });

  it('a cash account cannot borrow: the same order is refused for buying power', async () => {
    const cash = await createTrader(db, 100_000_00n);
    const r = await t.core.trading.submit(cash.userId, { ...order('buy', '9'), accountId: cash.accountId });
    expect(r).toMatchObject({ ok: false, code: expect.stringMatching(/^RISK_/) });
  });

  it('writes the margin level as equity over maintenance, one decimal, rounded down', () => {
    expect(marginLevelText(5_500_000n, 4_275_000n)).toBe('128.6%');
    expect(marginLevelText(-100n, 1_000n)).toBe('-10.0%');
    expect(marginLevelText(1n, 0n)).toBe('n/a');
  });
});
