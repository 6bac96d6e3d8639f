import { afterAll, beforeAll, expect, test } from 'vitest';
import { withBars } from '../../market-data/test-support/with-bars';
import { rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';
import { CANDLES_BARS_MAX } from './candles';

const M = 60_000;
let edge: TestEdge;
let now: number;

beforeAll(async () => {
  edge = await startTestEdge();
  now = edge.clock.nowMs();
});
afterAll(() => edge.close());

async function insertBars(symbol: string, source: string, fromMs: number, count: number, close: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    symbol,
    interval: '1m',
    source,
    open_time: new Date(fromMs + i * M).toISOString(),
    open_ticks: close,
    high_ticks: close + 1,
    low_ticks: close - 1,
    close_ticks: close,
    volume_lots: 10,
    trade_count: 2,
  }));
  await edge.db.sql`insert into market_bars ${edge.db.sql(rows)}`;
}

const reasonOf = async (call: Promise<unknown>) => {
  const e = await rejection(call);
  return [e.data?.code, e.data?.reason];
};

test('recorded bars come back as integer tuples with the grid to read them', async () => {
  const from = now - 3 * 60 * M;
  await insertBars('ETH-USD', 'recorded', from, 3, 250_000);
  const answer = await withBars(
    edge.client().trpc.market.candles.query({ symbol: 'ETH-USD', interval: '1m', from, to: from + 3 * M }),
  );
  expect(answer).toMatchObject({
    symbol: 'ETH-USD',
    interval: '1m',
    source: 'best',
    tickSize: '0.01',
    partial: false,
    reason: null,
  });
  expect(answer.bars).toEqual([0, 1, 2].map((i) => [from + i * M, 250_000, 250_001, 249_999, 250_000, 10, 2]));
});

test('best prefers recorded bars over csv at the same time; a named source gets only its own', async () => {
  const from = now - 10 * 60 * M;
  await insertBars('SOL-USD', 'csv', from, 4, 100);
  await insertBars('SOL-USD', 'recorded', from + 2 * M, 1, 200);
  const q = (source?: string) =>
    withBars(
      edge.client().trpc.market.candles.query({ symbol: 'SOL-USD', interval: '1m', from, to: from + 4 * M, source }),
    );
  expect((await q()).bars.map((b) => b[4])).toEqual([100, 100, 200, 100]);
  expect((await q('csv')).bars.map((b) => b[4])).toEqual([100, 100, 100, 100]);
  expect((await q('recorded')).bars.map((b) => b[0])).toEqual([from + 2 * M]);
});

test('unknown symbol, interval or source, and reversed ranges: BAD_REQUEST with a reason', async () => {
  const c = edge.client().trpc.market.candles;
  const base = { symbol: 'BTC-USD', interval: '1m', from: now - M, to: now };
  expect(await reasonOf(c.query({ ...base, symbol: 'NOPE-USD' }))).toEqual(['BAD_REQUEST', 'MARKET_UNKNOWN_SYMBOL']);
  expect(await reasonOf(c.query({ ...base, interval: '2m' }))).toEqual(['BAD_REQUEST', 'MARKET_UNKNOWN_INTERVAL']);
  expect(await reasonOf(c.query({ ...base, source: 'ccxt:binance' }))).toEqual([
    'BAD_REQUEST',
    'MARKET_UNKNOWN_SOURCE',
  ]);
  expect(await reasonOf(c.query({ ...base, from: now, to: now - M }))).toEqual([
    'BAD_REQUEST',
    'MARKET_RANGE_REVERSED',
  ]);
  expect(await reasonOf(c.query({ ...base, from: now, to: now }))).toEqual(['BAD_REQUEST', 'MARKET_RANGE_REVERSED']);
});

test(`${CANDLES_BARS_MAX} bars per request are allowed; one more is MARKET_RANGE_TOO_LARGE`, async () => {
  const c = edge.client().trpc.market.candles;
  const to = Math.floor(now / M) * M;
  const atLimit = await c.query({ symbol: 'BTC-USD', interval: '1m', from: to - CANDLES_BARS_MAX * M, to });
  expect(atLimit.partial).toBe(false);
  const past = c.query({ symbol: 'BTC-USD', interval: '1m', from: to - (CANDLES_BARS_MAX + 1) * M, to });
  expect(await reasonOf(past)).toEqual(['BAD_REQUEST', 'MARKET_RANGE_TOO_LARGE']);
});

test('closed chunks are served from the cache; a new recorded bar in the live chunk shows after liveFreshMs', async () => {
  const c = edge.client().trpc.market.candles;
  const old = now - 30 * 24 * 60 * M; // a month ago: a closed chunk
  await insertBars('ADA-USD', 'recorded', old, 2, 50);
  const q = (from: number) => withBars(c.query({ symbol: 'ADA-USD', interval: '1m', from, to: from + 2 * M }));
  expect((await q(old)).bars).toHaveLength(2);
  await edge.db.sql`delete from market_bars where symbol = 'ADA-USD'`;
  expect((await q(old)).bars).toHaveLength(2); // closed: still cached
  const live = Math.floor(now / M) * M - M;
  expect((await q(live)).bars).toHaveLength(0);
  await insertBars('ADA-USD', 'recorded', live, 1, 51);
  expect((await q(live)).bars).toHaveLength(0); // still fresh
  edge.clock.advanceMs(1_000);
  const cache = edge.server.edge.services.marketData.cache;
  expect((await q(live)).bars).toHaveLength(0); // stale: answered at once from the cache…
  expect(cache.refreshing).toBe(1); // …while one refresh runs in the background
  await cache.idle();
  expect((await q(live)).bars).toHaveLength(1);
});

test('GET /md/v1/candles answers the same bars as the procedure, with the same reasons on bad input', async () => {
  const from = now - 20 * 60 * M;
  await insertBars('XRP-USD', 'recorded', from, 4, 5_000);
  const input = { symbol: 'XRP-USD', interval: '1m', from, to: from + 4 * M };
  const viaTrpc = await withBars(edge.client().trpc.market.candles.query(input));
  const get = (q: Record<string, string | number>) =>
    fetch(
      `${edge.url}/md/v1/candles?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]))}`,
    );
  const res = await get(input);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  const { barsJson: _, ...head } = viaTrpc;
  expect(await res.json()).toEqual({ ...head, bars: viaTrpc.bars });
  const reason = async (q: Record<string, string | number>) => {
    const r = await get(q);
    return [r.status, ((await r.json()) as { error: { reason: string | null } }).error.reason];
  };
  expect(await reason({ ...input, symbol: 'NOPE' })).toEqual([400, 'MARKET_UNKNOWN_SYMBOL']);
  expect(await reason({ ...input, interval: '7m' })).toEqual([400, 'MARKET_UNKNOWN_INTERVAL']);
  expect(await reason({ ...input, from: 'x' })).toEqual([400, null]);
  expect(await reason({ ...input, to: from - 1 })).toEqual([400, 'MARKET_RANGE_REVERSED']);
  expect(await reason({ ...input, to: from + (CANDLES_BARS_MAX + 1) * M })).toEqual([400, 'MARKET_RANGE_TOO_LARGE']);
});

test('GET /md/v1/candles never answers bytes of a chunk the cache has replaced', async () => {
  const live = Math.floor(edge.clock.nowMs() / M) * M - 2 * M;
  const url = `${edge.url}/md/v1/candles?symbol=DOGE-USD&interval=1m&from=${live}&to=${live + 2 * M}`;
  const bars = async () => ((await (await fetch(url)).json()) as { bars: number[][] }).bars.length;
  expect(await bars()).toBe(0);
  expect(await bars()).toBe(0); // the encoded answer is reused
  await insertBars('DOGE-USD', 'recorded', live, 2, 1_000);
  edge.clock.advanceMs(1_000);
  await bars(); // stale: starts the refresh
  await edge.server.edge.services.marketData.cache.idle();
  expect(await bars()).toBe(2);
});
