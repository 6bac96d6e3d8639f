import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startTestEdge, type TestEdge } from '../test-support/edge-harness';
import { CHUNK_BARS, PARTIAL_FRESH_MS } from './market-data';
import { type FakeBinance, startFakeBinance } from './test-support/fake-binance';
import { withBars } from './test-support/with-bars';

const M = 60_000;
let edge: TestEdge;
let fake: FakeBinance;

beforeAll(async () => {
  fake = await startFakeBinance();
  edge = await startTestEdge({
    marketData: {
      ccxt: {
        exchangeId: 'binance',
        baseUrl: fake.url,
        timeoutMs: 300,
        ratePerS: 1_000,
        burst: 1_000,
        symbols: { 'BTC-USD': 'BTC/USDT' },
      },
    },
  });
});
afterAll(async () => {
  await edge.close();
  await fake.close();
});
beforeEach(() => {
  fake.mode = 'ok';
  fake.requests.length = 0;
});

const service = () => edge.server.edge.services.marketData;
const klineCalls = () => fake.requests.filter((r) => r.startsWith('/api/v3/klines'));
const candles = (from: number, bars: number) =>
  withBars(
    edge.client().trpc.market.candles.query({
      symbol: 'BTC-USD',
      interval: '1m',
      from,
      to: from + bars * M,
      source: 'ccxt:binance',
    }),
  );
const stored = async (from: number, to: number) =>
  (
    await edge.db.sql`select count(*)::int as n from market_bars where source = 'ccxt:binance'
      and open_time >= ${new Date(from).toISOString()} and open_time < ${new Date(to).toISOString()}`
  )[0]?.n;
/** The start of a closed chunk `back` chunks before now. */
const chunkStart = (back: number) => (Math.floor(edge.clock.nowMs() / (CHUNK_BARS * M)) - back) * CHUNK_BARS * M;

test('a miss fetches from the exchange, stores the chunk, and the next ask is answered from the cache', async () => {
  const from = chunkStart(10);
  const first = await candles(from, 100);
  expect(first).toMatchObject({ partial: false, reason: null });
  expect(first.bars).toHaveLength(100);
  expect(await stored(from, from + CHUNK_BARS * M)).toBe(CHUNK_BARS);
  const calls = klineCalls().length;
  expect((await candles(from + 100 * M, 100)).bars).toHaveLength(100);
  expect(klineCalls()).toHaveLength(calls);
});

test('a gap in stored bars is detected and backfilled from the exchange, and only the gap is asked', async () => {
  const from = chunkStart(20);
  await candles(from, 10);
  await edge.db.sql`delete from market_bars where source = 'ccxt:binance'
    and open_time >= ${new Date(from + 100 * M).toISOString()} and open_time < ${new Date(from + 150 * M).toISOString()}`;
  await service().invalidate('BTC-USD', '1m', ['ccxt:binance'], from, from + M);
  fake.requests.length = 0;
  const answer = await candles(from, CHUNK_BARS);
  expect(answer.bars.map((b) => b[0])).toEqual(Array.from({ length: CHUNK_BARS }, (_, i) => from + i * M));
  expect(klineCalls()).toHaveLength(1);
  expect(klineCalls()[0]).toContain(`startTime=${from + 100 * M}`);
  expect(await stored(from, from + CHUNK_BARS * M)).toBe(CHUNK_BARS);
});

test('a source that times out or answers garbage: a partial answer, nothing stored, and the service keeps serving', async () => {
  const from = chunkStart(30);
  for (const [mode, reason] of [
    ['hang', 'SOURCE_TIMEOUT'],
    ['garbage', 'SOURCE_BAD_RESPONSE'],
    ['rate-limited', 'SOURCE_RATE_LIMITED'],
  ] as const) {
    fake.mode = mode;
    expect(await candles(from, 10)).toMatchObject({ partial: true, reason, bars: [] });
    expect(await stored(from, from + CHUNK_BARS * M)).toBe(0);
    expect((await candles(chunkStart(10), 10)).bars).toHaveLength(10); // cached data still served
    edge.clock.advanceMs(PARTIAL_FRESH_MS + 1);
    await service().cache.idle();
    await service().invalidate('BTC-USD', '1m', ['ccxt:binance'], from, from + M);
  }
  fake.mode = 'ok';
  expect(await candles(from, 10)).toMatchObject({ partial: false, reason: null });
  expect(await stored(from, from + CHUNK_BARS * M)).toBe(CHUNK_BARS);
});

test('a slow source never blocks a chart: a stale chunk is answered at once while it refreshes in the background', async () => {
  const now = edge.clock.nowMs();
  const from = Math.floor(now / M) * M - 5 * M;
  expect((await candles(from, 5)).bars).toHaveLength(5); // the live chunk, fetched
  fake.mode = 'hang';
  edge.clock.advanceMs(2 * M); // two more bars closed; the live chunk is stale
  const answer = await candles(from, 7);
  expect(answer.bars).toHaveLength(5); // the stale answer…
  expect(service().cache.refreshing).toBe(1); // …given while the refresh still waits on the source
  await service().cache.idle(); // the refresh times out; the stale entry stays
  fake.mode = 'ok';
  edge.clock.advanceMs(PARTIAL_FRESH_MS + 1);
  await candles(from, 7);
  await service().cache.idle();
  expect((await candles(from, 7)).bars).toHaveLength(7);
});
