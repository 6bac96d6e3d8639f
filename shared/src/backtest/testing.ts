import { type Instrument, type InstrumentSymbol, makeInstrument } from '../domain/index';
import type { Bar } from '../market-data/index';

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

/** Hourly bars from closes (open = previous close, high/low = the body ± `wickTicks`). */
export function barsFromCloses(closes: readonly number[], symbol = 'TST', wickTicks = 0, startMs = T0_MS): Bar[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : (closes[i - 1] as number);
    return {
      symbol,
      interval: '1h',
      openTimeMs: startMs + i * HOUR_MS,
      openTicks: open,
      highTicks: Math.max(open, close) + wickTicks,
      lowTicks: Math.min(open, close) - wickTicks,
      closeTicks: close,
      volumeLots: 1,
      tradeCount: 1,
    };
  });
}
