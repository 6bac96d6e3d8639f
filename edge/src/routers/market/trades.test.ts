import { afterAll, beforeAll, expect, test } from 'vitest';
import { rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';
import { TRADES_PAGE_MAX, TRADES_RANGE_MS_MAX } from './trades';

let edge: TestEdge;
let from: number;
beforeAll(async () => {
  edge = await startTestEdge();
  from = edge.clock.nowMs() - 3_600_000;
  // Two trades share a millisecond: the cursor must order by (time, seq) and lose neither.
  const rows = [0, 10, 10, 20, 30].map((dt, i) => ({
    symbol: 'BTC-USD',
    ts: new Date(from + dt).toISOString(),
    seq: i + 1,
    price_ticks: 4_200_000 + i,
    qty_lots: 5,
    aggressor: i % 2 === 0 ? 'buy' : 'sell',
  }));
  await edge.db.sql`insert into market_trades ${edge.db.sql(rows)}`;
});
afterAll(() => edge.close());

test('pages of recorded trades in (time, seq) order, each once, then no cursor', async () => {
  const t = edge.client().trpc.market.trades;
  const seen: number[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 5; pages += 1) {
    const page = await t.query({ symbol: 'BTC-USD', from, to: from + 1_000, limit: 2, cursor });
    seen.push(...page.trades.map((x) => x[1]));
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  expect(seen).toEqual([1, 2, 3, 4, 5]);
  const first = await t.query({ symbol: 'BTC-USD', from, to: from + 1_000, limit: 1 });
  expect(first).toMatchObject({ tickSize: '0.01', lotSize: '0.0001', trades: [[from, 1, 4_200_000, 5, 'buy']] });
});

test('limits: page size, range length, reversed range, bad cursor, unknown symbol', async () => {
  const t = edge.client().trpc.market.trades;
  const reason = async (input: Parameters<typeof t.query>[0]) => (await rejection(t.query(input))).data?.reason;
  expect(
    (await t.query({ symbol: 'BTC-USD', from, to: from + TRADES_RANGE_MS_MAX, limit: TRADES_PAGE_MAX })).trades,
  ).toHaveLength(5);
  expect(
    (await rejection(t.query({ symbol: 'BTC-USD', from, to: from + 1, limit: TRADES_PAGE_MAX + 1 }))).data?.code,
  ).toBe('BAD_REQUEST');
  expect(await reason({ symbol: 'BTC-USD', from, to: from + TRADES_RANGE_MS_MAX + 1 })).toBe('MARKET_RANGE_TOO_LARGE');
  expect(await reason({ symbol: 'BTC-USD', from, to: from })).toBe('MARKET_RANGE_REVERSED');
  expect(await reason({ symbol: 'BTC-USD', from, to: from + 1, cursor: 'not-a-cursor' })).toBe('MARKET_BAD_CURSOR');
  expect(await reason({ symbol: 'XXX', from, to: from + 1 })).toBe('MARKET_UNKNOWN_SYMBOL');
});
