import { parseStep } from '@tradewind/shared';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { manualClock } from '../../clock';
import { isValidBar } from '../bar';
import { TokenBucket } from '../rate-limit';
import { type FakeBinance, fakeCloseCents, startFakeBinance } from '../test-support/fake-binance';
import { CCXT_BARS_PER_PAGE, CCXT_PAGES_MAX, ccxtSource } from './ccxt-source';
import type { BarQuery } from './source';

const M = 60_000;
const T0 = Date.UTC(2026, 10, 20);
const grid = { symbol: 'BTC-USD', base: 'BTC', quote: 'USD', tick: parseStep('0.01'), lot: parseStep('0.0001') };
const query = (bars: number, from = T0): BarQuery => ({
  instrument: grid,
  interval: '1m',
  fromMs: from,
  toMs: from + bars * M,
});

let fake: FakeBinance;
beforeAll(async () => {
  fake = await startFakeBinance();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.mode = 'ok';
  fake.requests.length = 0;
});

function source(o: { burst?: number; timeoutMs?: number } = {}) {
  const limiter = new TokenBucket({ ratePerS: 1, burst: o.burst ?? 100, nowMs: manualClock(0).nowMs });
  return ccxtSource({
    exchangeId: 'binance',
    baseUrl: fake.url,
    timeoutMs: o.timeoutMs ?? 2_000,
    symbols: { 'BTC-USD': 'BTC/USDT' },
    limiter,
  });
}

const klineCalls = () => fake.requests.filter((r) => r.startsWith('/api/v3/klines'));

test('pages through fetchOHLCV: 2,500 bars in three requests, contiguous, exact ticks and lots', async () => {
  const answer = await source().fetchBars(query(2_500));
  expect(answer.failure).toBeNull();
  expect(answer.bars).toHaveLength(2_500);
  expect(klineCalls()).toHaveLength(3);
  expect(klineCalls()[1]).toContain(`startTime=${T0 + CCXT_BARS_PER_PAGE * M}`);
  answer.bars.forEach((b, i) => {
    expect(b[0]).toBe(T0 + i * M);
    expect(isValidBar(b)).toBe(true);
  });
  const first = answer.bars[0];
  expect(first).toEqual([
    T0,
    fakeCloseCents(T0) - 3,
    fakeCloseCents(T0) + 11,
    fakeCloseCents(T0) - 8,
    fakeCloseCents(T0),
    12_500,
    0,
  ]);
});

test(`stops after ${CCXT_PAGES_MAX} pages and says so`, async () => {
  const answer = await source().fetchBars(query(CCXT_PAGES_MAX * CCXT_BARS_PER_PAGE + 1));
  expect(answer.failure).toBe('SOURCE_PAGE_LIMIT');
  expect(answer.bars).toHaveLength(CCXT_PAGES_MAX * CCXT_BARS_PER_PAGE);
});

test('a source that hangs times out', async () => {
  fake.mode = 'hang';
  expect(await source({ timeoutMs: 200 }).fetchBars(query(10))).toEqual({ bars: [], failure: 'SOURCE_TIMEOUT' });
});

test('HTTP 429 is the exchange rate-limiting us', async () => {
  fake.mode = 'rate-limited';
  expect(await source().fetchBars(query(10))).toEqual({ bars: [], failure: 'SOURCE_RATE_LIMITED' });
});

test('a garbage body and impossible bars are bad responses, and none of the page is kept', async () => {
  fake.mode = 'garbage';
  expect(await source().fetchBars(query(10))).toEqual({ bars: [], failure: 'SOURCE_BAD_RESPONSE' });
  fake.mode = 'bad-bars';
  expect(await source().fetchBars(query(10))).toEqual({ bars: [], failure: 'SOURCE_BAD_RESPONSE' });
});

test('our own token bucket stops paging when it runs dry: a partial answer, no request sent', async () => {
  const answer = await source({ burst: 2 }).fetchBars(query(2_500));
  expect(answer.failure).toBe('SOURCE_RATE_LIMITED');
  expect(answer.bars).toHaveLength(2 * CCXT_BARS_PER_PAGE);
  expect(klineCalls()).toHaveLength(2);
});
