import { type Instrument, type InstrumentSymbol, makeInstrument } from '../domain/index';
import type { Bar } from '../market-data/index';
import type { StrategyDefinition } from '../strategies/index';
import { runBacktest } from './backtester';
import type { BacktestConfig, BacktestResult } from './types';

/** A test instrument with round numbers: tick 0.01 USD, lot 1 (1 tick × 1 lot = 1 cent). */
export const TEST_INSTRUMENT: Instrument = makeInstrument({
  symbol: 'TST' as InstrumentSymbol,
  kind: 'stock',
  base: 'TST',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  minQtyLots: 1,
  minNotionalMinor: 1,
});

export const HOUR_MS = 3_600_000;
/** 2026-01-01T00:00:00Z. */
export const T0_MS = 1_767_225_600_000;

export type Ohlc = readonly [open: number, high: number, low: number, close: number];

/** Hourly bars from closes (open = previous close, high/low = the body ± `wickTicks`). */
export function barsFromCloses(closes: readonly number[], symbol = 'TST', wickTicks = 0, startMs = T0_MS): Bar[] {
  return barsFromOhlc(
    closes.map((close, i) => {
      const open = i === 0 ? close : (closes[i - 1] as number);
      return [open, Math.max(open, close) + wickTicks, Math.min(open, close) - wickTicks, close] as const;
    }),
    symbol,
    startMs,
  );
}

export function barsFromOhlc(rows: readonly Ohlc[], symbol = 'TST', startMs = T0_MS): Bar[] {
  return rows.map(([open, high, low, close], i) => ({
    symbol,
    interval: '1h',
    openTimeMs: startMs + i * HOUR_MS,
    openTicks: open,
    highTicks: high,
    lowTicks: low,
    closeTicks: close,
    volumeLots: 1,
    tradeCount: 1,
  }));
}

/** A config over hourly bars of TST with no fees and 10,000 USD, overridable. */
export function configFor(
  strategy: string | StrategyDefinition,
  params: unknown,
  bars: readonly Bar[],
  more: Partial<BacktestConfig> = {},
): BacktestConfig {
  const last = bars[bars.length - 1];
  return {
    strategy,
    params,
    instruments: [TEST_INSTRUMENT],
    data: { kind: 'bars', interval: '1h', bars },
    fromMs: bars[0]?.openTimeMs ?? T0_MS,
    toMs: (last?.openTimeMs ?? T0_MS) + HOUR_MS,
    initialCashMinor: 1_000_000n,
    fees: { makerFeeBps: 0, takerFeeBps: 0 },
    ...more,
  };
}

/** Runs and unwraps (a test helper: an input error is a failed test). */
export function mustRun(config: BacktestConfig): BacktestResult {
  const r = runBacktest(config);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

/** Fills as [side, price, qty, open time index] for compact assertions. */
export function fillsOf(r: BacktestResult, startMs = T0_MS): [string, number, number, number][] {
  return r.fills.map((f) => [f.side, f.priceTicks, f.qtyLots, (f.timeMs - startMs) / HOUR_MS]);
}
