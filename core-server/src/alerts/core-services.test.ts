import { createTestDatabase } from '@tradewind/db/testing';
import { INSTRUMENTS } from '@tradewind/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../test-support/test-core';
import { createTrader, type TestTrader } from '../test-support/trading-users';
import type { UntimedCommand } from '../trading/convert';
import { type AlertAndEquityServices, startAlertAndEquityServices } from './core-services';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let t: TestCore;
let user: TestTrader;
let services: AlertAndEquityServices;

const submit = (cmd: UntimedCommand) => t.core.trading.submitInternal(cmd);

/** Two system accounts trade one lot of BTC-USD with each other at `priceTicks`: a tick of the market. */
async function tradeAt(priceTicks: number): Promise<void> {
  const lot = { symbol: 'BTC-USD', orderType: 'limit', qtyLots: 1, priceTicks } as const;
  await submit({ type: 'PlaceOrder', accountId: 'sim-test-a', order: { ...lot, side: 'sell' } });
  const events = await submit({ type: 'PlaceOrder', accountId: 'sim-test-b', order: { ...lot, side: 'buy' } });
  expect(events.some((e) => e.type === 'TradeExecuted')).toBe(true);
  await services.alerts.settled();
}

async function insertAlert(condition: string, threshold: string, thresholdTicks: number, referenceTicks = 9_650_000) {
  const [row] = await db.sql<{ id: string }[]>`
    insert into price_alerts (user_id, symbol, condition, threshold, threshold_ticks, reference_ticks)
    values (${user.userId}, 'BTC-USD', ${condition}, ${threshold}, ${thresholdTicks}, ${referenceTicks}) returning id`;
  return (row as { id: string }).id;
}

const alertEvents = async () =>
  db.sql<{ user_id: string; payload: Record<string, string> }[]>`
    select user_id, payload from outbox where type = 'price_alert.triggered' order by seq`;
const statusOf = async (id: string) =>
  (await db.sql<{ status: string }[]>`select status from price_alerts where id = ${id}`)[0]?.status;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestCore(db);
  user = await createTrader(db);
  for (const id of ['sim-test-a', 'sim-test-b']) {
    await submit({ type: 'OpenAccount', accountId: id, kind: 'margin', leverage: 5 });
    await submit({ type: 'Deposit', accountId: id, currency: 'USD', amountMinor: 100_000_000_00n });
  }
});
afterAll(async () => {
  await services?.close();
  await t?.core.close();
  await db?.close();
});

describe('price alerts in core, on a real database and order entry', () => {
  let above: string;
  let crosses: string;
  let below: string;

  it('loads the active alerts at start and fires those a trade reaches, once, with one event each', async () => {
    above = await insertAlert('above', '96600.00', 9_660_000);
    crosses = await insertAlert('crosses', '96550.00', 9_655_000);
    below = await insertAlert('below', '96000.00', 9_600_000);
    services = await startAlertAndEquityServices({
      sql: db.sql,
      venue: t.core.trading,
      instruments: INSTRUMENTS,
      clock: t.clock,
      log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      equityPeriodMs: 3_600_000,
    });
    expect(services.alerts.index.size).toBe(3);
    await tradeAt(9_655_000);
    expect(await statusOf(crosses)).toBe('triggered');
    expect(await statusOf(above)).toBe('active');
    await tradeAt(9_670_000);
    await tradeAt(9_670_000);
    expect(await statusOf(above)).toBe('triggered');
    const events = await alertEvents();
    expect(events.map((e) => e.payload.alertId)).toEqual([crosses, above]);
    expect(events[1]).toMatchObject({
      user_id: user.userId,
      payload: { symbol: 'BTC-USD', condition: 'above', threshold: '96600.00', price: '96700.00' },
    });
    expect(events[1]?.payload.message).toBe('BTC-USD rose to 96600.00 (last 96700.00)');
    const [row] = await db.sql`select triggered_ticks::int as ticks from price_alerts where id = ${above}`;
    expect(row?.ticks).toBe(9_670_000);
  });

  it('an alert deleted after it was loaded never emits, even when a trade reaches it', async () => {
    await db.sql`delete from price_alerts where id = ${below}`;
    await tradeAt(9_590_000);
    expect(await alertEvents()).toHaveLength(2);
  });

  it('an alert created while core runs is picked up by the refresh and fires', async () => {
    const late = await insertAlert('below', '95000.00', 9_500_000, 9_590_000);
    await services.alerts.refresh();
    expect(services.alerts.index.has(late)).toBe(true);
    await tradeAt(9_500_000);
    expect(await statusOf(late)).toBe('triggered');
    expect((await alertEvents()).map((e) => e.payload.alertId).at(-1)).toBe(late);
  });
});

describe('equity sampling', () => {
  it('after a fill the user account gets a sample: cash + position at the mark, exact, which is the deposit less the fee', async () => {
    const deposit = 1_000_000_00n;
    await submit({ type: 'OpenAccount', accountId: user.accountId, kind: 'cash' });
    await submit({ type: 'Deposit', accountId: user.accountId, currency: 'USD', amountMinor: deposit });
    await submit({
      type: 'PlaceOrder',
      accountId: 'sim-test-a',
      order: { symbol: 'BTC-USD', side: 'sell', orderType: 'limit', qtyLots: 10, priceTicks: 9_600_000 },
    });
    await submit({
      type: 'PlaceOrder',
      accountId: user.accountId,
      order: { symbol: 'BTC-USD', side: 'buy', orderType: 'limit', qtyLots: 10, priceTicks: 9_600_000 },
    });
    await new Promise((r) => setImmediate(r));
    await services.equity.settled();
    const rows = await db.sql<{ equity: string; cash: string }[]>`
      select equity_minor::text as equity, cash_minor::text as cash from equity_samples where account_id = ${user.accountId}`;
    expect(rows).toHaveLength(1);
    // 0.0010 BTC at 96,000.00 = 96.00 = 9,600 cents; taker fee 5 bps = 4.8 cents, rounded up to 5; marked at the trade price.
    expect(rows[0]).toEqual({ equity: (deposit - 5n).toString(), cash: (deposit - 9_600n - 5n).toString() });
    // Unchanged equity is not written again by the periodic sample; system accounts are never sampled.
    await services.equity.sampleAll();
    const all = await db.sql`select account_id from equity_samples`;
    expect(all).toHaveLength(1);
  });
});
