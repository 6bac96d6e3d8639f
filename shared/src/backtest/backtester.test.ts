import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StrategyDefinition } from '../strategies/index';
import { generateBars } from './generated-bars';
import { type BacktestConfig, LATENCY_MS_MAX, runBacktest, SLIPPAGE_BPS_MAX } from './index';
import { barsFromCloses, barsFromOhlc, configFor, fillsOf, HOUR_MS, mustRun, T0_MS, TEST_INSTRUMENT } from './testing';

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));

/** A one-off strategy from handlers (no parameters). */
function strategyOf(create: StrategyDefinition['create']): StrategyDefinition {
  return { id: 'test', name: 'test', description: 'test', params: z.object({}).strict(), create };
}

/** Buys `qty` at market on bar `at` (0-based), once. */
const buyOnBar = (at: number, qty = 1) =>
  strategyOf((_p, ctx) => {
    let i = 0;
    return { onBar: (b) => void (i++ === at && ctx.marketBuy(b.symbol, qty)) };
  });

const walk = generateBars({
  symbol: 'TST',
  interval: '1h',
  fromMs: T0_MS,
  count: 2_000,
  startTicks: 10_000,
  volatilityBps: 80,
  seed: 42,
});

describe('determinism and cancellation', () => {
  it('two runs of the same config give identical results and state hashes', () => {
    const config = configFor('sma-cross', { fast: 5, slow: 20, qtyLots: 3 }, walk, {
      fees: { makerFeeBps: 2, takerFeeBps: 5 },
      fill: { bars: 'intrabar', slippageBps: 3 },
    });
    const a = mustRun(config);
    const b = mustRun(config);
    expect(a.trades.length).toBeGreaterThan(10);
    expect(json(a)).toBe(json(b));
    expect(a.stateHash).toBe(b.stateHash);
    expect(a.performance?.metrics.probabilisticSharpe).not.toBeUndefined();
  });

  it('a run cancelled midway stops there and says so', () => {
    const token = { aborted: false };
    let reports = 0;
    const config = configFor('sma-cross', { fast: 5, slow: 20, qtyLots: 3 }, walk, {
      signal: token,
      progressEveryEvents: 100,
      onProgress: (p) => {
        reports++;
        if (p.eventsDone >= 1_000) token.aborted = true;
      },
    });
    const r = mustRun(config);
    expect(r.status).toBe('cancelled');
    expect(r.eventsDone).toBe(1_000);
    expect(r.eventsTotal).toBe(2_000);
    expect(reports).toBe(10);
    expect(r.equity[r.equity.length - 1]?.timeMs).toBeLessThanOrEqual(T0_MS + 1_000 * HOUR_MS);
  });

  it('reports progress up to the total', () => {
    const seen: number[] = [];
    mustRun(configFor('sma-cross', {}, walk, { onProgress: (p) => seen.push(p.eventsDone) }));
    expect(seen).toHaveLength(100);
    expect(seen[seen.length - 1]).toBe(2_000);
  });
});

describe('fill models', () => {
  const bars = barsFromOhlc([
    [1_000, 1_000, 1_000, 1_000],
    [1_010, 1_020, 900, 950],
    [950, 960, 940, 955],
  ]);
  const limitAt = (price: number) =>
    strategyOf((_p, ctx) => {
      let placed = false;
      return {
        onBar(b) {
          if (placed) return;
          placed = true;
          ctx.limitBuy(b.symbol, 1, price);
        },
      };
    });

  it('next-open: a market order fills at the next bar open', () => {
    expect(fillsOf(mustRun(configFor(buyOnBar(0), {}, bars)))).toEqual([['buy', 1_010, 1, 1]]);
  });

  it('next-open: a limit order fills only when an open reaches it', () => {
    expect(fillsOf(mustRun(configFor(limitAt(950), {}, bars)))).toEqual([['buy', 950, 1, 2]]);
  });

  it('intrabar: a falling bar visits its high then its low; a limit touched by the low fills at its limit', () => {
    const r = mustRun(configFor(limitAt(950), {}, bars, { fill: { bars: 'intrabar' } }));
    // Bar 1 falls (close < open): O 1,010 → H 1,020 → L 900 (at +2/3 of the hour) → C 950.
    expect(r.fills.map((f) => [f.priceTicks, f.timeMs - T0_MS])).toEqual([
      [950, HOUR_MS + Math.floor((2 * HOUR_MS) / 3)],
    ]);
  });

  it('intrabar: a stop triggers at the extreme and fills at the quote with slippage', () => {
    const stop = strategyOf((_p, ctx) => {
      let n = 0;
      return {
        onBar(b) {
          n++;
          if (n === 1)
            ctx.placeOrder({
              symbol: b.symbol,
              side: 'buy',
              orderType: 'stop_market',
              qtyLots: 1,
              triggerPriceTicks: 1_015,
            });
        },
      };
    });
    const r = mustRun(configFor(stop, {}, bars, { fill: { bars: 'intrabar', slippageBps: 100 } }));
    // The high (1,020) triggers it; the liquidity ask sits at 1,020 × 1.01 = 1,030.2 → 1,031 (rounded against the taker).
    expect(r.fills.map((f) => [f.side, f.priceTicks, f.liquidity])).toEqual([['buy', 1_031, 'taker']]);
  });

  it('slippage moves a market fill against the taker, rounded to a tick against it', () => {
    const r = mustRun(configFor(buyOnBar(0), {}, bars, { fill: { slippageBps: 50 } }));
    expect(r.fills[0]?.priceTicks).toBe(1_016); // 1,010 × 1.005 = 1,015.05 → 1,016
  });

  it('latency: a command reaches the venue at the first fill point at or after decision + latency', () => {
    const r = mustRun(configFor(buyOnBar(0), {}, bars, { fill: { latencyMs: HOUR_MS + 1 } }));
    // Decided at 1h (bar 0's close); due at 2h + 1 ms → bar 2's open is at 2h: too early → no fill
    // under next-open until a later point; with intrabar the first point after 2h+1ms is bar 2's low.
    expect(r.fills).toEqual([]);
    const r2 = mustRun(configFor(buyOnBar(0), {}, bars, { fill: { bars: 'intrabar', latencyMs: HOUR_MS + 1 } }));
    expect(r2.fills.map((f) => [f.priceTicks, f.timeMs - T0_MS])).toEqual([
      [940, 2 * HOUR_MS + Math.floor(HOUR_MS / 3)],
    ]);
  });

  it('ticks: a market order decided on a trade fills at the next trade', () => {
    const ticks = [100, 101, 105, 103].map((p, i) => ({
      symbol: 'TST',
      timeMs: T0_MS + i * 1_000,
      priceTicks: p,
      qtyLots: 1,
    }));
    const s = strategyOf((_p, ctx) => {
      let n = 0;
      return { onTrade: (t) => void (n++ === 1 && ctx.marketBuy(t.symbol, 2)) };
    });
    const r = mustRun({
      ...configFor(s, {}, barsFromCloses([1])),
      data: { kind: 'ticks', ticks },
      toMs: T0_MS + 10_000,
    });
    expect(r.fills.map((f) => [f.priceTicks, f.qtyLots, f.timeMs - T0_MS])).toEqual([[105, 2, 2_000]]);
    expect(r.equity.map((p) => p.equityMinor)).toEqual([1_000_000n, 1_000_000n, 1_000_000n, 1_000_000n - 210n + 206n]);
  });

  it('multi-symbol: bars of two symbols at the same times run in one engine', () => {
    const other = { ...TEST_INSTRUMENT, symbol: 'OTH' as typeof TEST_INSTRUMENT.symbol };
    const a = barsFromCloses([100, 110, 120]);
    const b = barsFromCloses([200, 190, 180], 'OTH');
    const merged = [a[0], b[0], b[1], a[1], a[2], b[2]]
      .filter((x) => x !== undefined)
      .sort((x, y) => x.openTimeMs - y.openTimeMs);
    const s = strategyOf((_p, ctx) => ({
      onBar: (bar) => void (ctx.position(bar.symbol).qtyLots === 0 && ctx.marketBuy(bar.symbol, 1)),
    }));
    const r = mustRun({ ...configFor(s, {}, merged), instruments: [TEST_INSTRUMENT, other] });
    expect(r.fills.map((f) => [f.symbol, f.priceTicks]).sort()).toEqual([
      ['OTH', 200],
      ['TST', 100],
    ]);
    expect(r.finalPositions).toHaveLength(2);
  });
});

describe('margin accounts', () => {
  it('a short on a margin account gains when the price falls; equity counts the short at the mark', () => {
    const shortThenCover = strategyOf((_p, ctx) => {
      let n = 0;
      return {
        onBar(b) {
          n++;
          if (n === 1) ctx.marketSell(b.symbol, 10);
          if (n === 3) ctx.marketBuy(b.symbol, 10);
        },
      };
    });
    // Sell 10 at bar 1's open (1,000); the cover decided on bar 2 fills at bar 3's open (950):
    // +10 × 50 ticks = 500 cents.
    const bars = barsFromCloses([1_000, 1_000, 950, 900, 900]);
    const r = mustRun(configFor(shortThenCover, {}, bars, { account: { kind: 'margin', leverage: 2 } }));
    expect(fillsOf(r)).toEqual([
      ['sell', 1_000, 10, 1],
      ['buy', 950, 10, 3],
    ]);
    expect(r.trades[0]).toMatchObject({ side: 'short', grossPnlMinor: 500n });
    // After bar 2 closes at 950 the open short is worth −9,500 against 10,000 of proceeds: +500.
    expect(r.equity.map((p) => p.equityMinor)).toEqual([1_000_000n, 1_000_000n, 1_000_500n, 1_000_500n, 1_000_500n]);
    expect(r.finalCashMinor).toBe(1_000_500n);
  });
});

describe('a strategy that throws', () => {
  it('is stopped with the error; what it asked for in that call never reaches the engine', () => {
    const bad = strategyOf((_p, ctx) => {
      let n = 0;
      return {
        onBar(b) {
          if (++n === 3) {
            ctx.marketBuy(b.symbol, 1);
            throw new Error('boom');
          }
        },
      };
    });
    const r = mustRun(configFor(bad, {}, barsFromCloses([100, 101, 102, 103, 104])));
    expect(r.status).toBe('failed');
    expect(r.failure).toEqual({ timeMs: T0_MS + 3 * HOUR_MS, handler: 'onBar', message: 'boom' });
    expect(r.fills).toEqual([]);
    expect(r.signals).toEqual([]);
    expect(r.eventsDone).toBe(2);
    expect(r.finalCashMinor).toBe(1_000_000n);
  });

  it('a throw inside onFill stops it too, after the fill it was told about', () => {
    const bad = strategyOf((_p, ctx) => ({
      onBar: (b) =>
        void (ctx.position(b.symbol).qtyLots === 0 && ctx.openOrders().length === 0 && ctx.marketBuy(b.symbol, 1)),
      onFill: () => {
        throw new RangeError('no fills please');
      },
    }));
    const r = mustRun(configFor(bad, {}, barsFromCloses([100, 101, 102, 103])));
    expect(r.status).toBe('failed');
    expect(r.failure?.handler).toBe('onFill');
    expect(r.fills).toHaveLength(1);
  });
});

describe('bad input is a typed error and runs nothing', () => {
  const bars = barsFromCloses([100, 101, 102]);
  const base = configFor('sma-cross', {}, bars);
  const codeOf = (c: BacktestConfig) => {
    const r = runBacktest(c);
    return r.ok ? 'ok' : r.code;
  };
  it.each([
    ['an unknown strategy', { strategy: 'nope' }, 'STRATEGY_UNKNOWN'],
    ['params outside the schema', { params: { fast: 0 } }, 'STRATEGY_PARAMS_INVALID'],
    ['fast ≥ slow', { params: { fast: 30, slow: 10 } }, 'STRATEGY_PARAMS_INVALID'],
    ['an unknown parameter', { params: { fastt: 3 } }, 'STRATEGY_PARAMS_INVALID'],
    ['an empty range', { toMs: T0_MS, fromMs: T0_MS }, 'RANGE_EMPTY'],
    ['a reversed range', { fromMs: T0_MS + HOUR_MS, toMs: T0_MS }, 'RANGE_REVERSED'],
    ['a range without data', { fromMs: T0_MS + 100 * HOUR_MS, toMs: T0_MS + 200 * HOUR_MS }, 'DATA_EMPTY'],
    ['no cash', { initialCashMinor: 0n }, 'CASH_INVALID'],
    ['slippage one past the limit', { fill: { slippageBps: SLIPPAGE_BPS_MAX + 1 } }, 'FILL_MODEL_INVALID'],
    ['latency one past the limit', { fill: { latencyMs: LATENCY_MS_MAX + 1 } }, 'FILL_MODEL_INVALID'],
    ['slippage at the limit', { fill: { slippageBps: SLIPPAGE_BPS_MAX } }, 'ok'],
    ['latency at the limit', { fill: { latencyMs: LATENCY_MS_MAX } }, 'ok'],
  ] as const)('%s', (_name, patch, code) => {
    expect(codeOf({ ...base, ...(patch as Partial<BacktestConfig>) })).toBe(code);
  });

  it('bars of an unknown symbol, out of order, duplicated or with a bad OHLC', () => {
    expect(codeOf({ ...base, data: { kind: 'bars', interval: '1h', bars: barsFromCloses([1, 2], 'ZZZ') } })).toBe(
      'SYMBOL_UNKNOWN',
    );
    expect(codeOf({ ...base, data: { kind: 'bars', interval: '1h', bars: [bars[1], bars[0]] as never } })).toBe(
      'DATA_INVALID',
    );
    expect(codeOf({ ...base, data: { kind: 'bars', interval: '1h', bars: [bars[0], bars[0]] as never } })).toBe(
      'DATA_INVALID',
    );
    const broken = { ...(bars[0] as (typeof bars)[number]), lowTicks: 200 };
    expect(codeOf({ ...base, data: { kind: 'bars', interval: '1h', bars: [broken] } })).toBe('DATA_INVALID');
    // Off the hourly grid by one millisecond, and by one hour's worth of the grid minus one.
    for (const offMs of [1, 3_599_999]) {
      const off = { ...(bars[1] as (typeof bars)[number]), openTimeMs: (bars[1]?.openTimeMs ?? 0) + offMs };
      expect(codeOf({ ...base, data: { kind: 'bars', interval: '1h', bars: [bars[0], off] as never } })).toBe(
        'DATA_INVALID',
      );
    }
  });
});
