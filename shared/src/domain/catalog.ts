import type { InstrumentSymbol } from './ids';
import { type Instrument, type InstrumentSpec, makeInstrument } from './instrument';

/**
 * The instruments of the built-in simulated market, and the parameters its random walk
 * starts from. Prices are in ticks of the instrument; volatility is per-tick standard
 * deviation in basis points of price.
 */
export type SimulatedInstrument = {
  readonly instrument: Instrument;
  readonly startPriceTicks: number;
  readonly volatilityBps: number;
};

const sim = (
  spec: Omit<InstrumentSpec, 'symbol' | 'minNotionalMinor'> & { symbol: string },
  startPriceTicks: number,
  volatilityBps: number,
): SimulatedInstrument => ({
  instrument: makeInstrument({ ...spec, symbol: spec.symbol as InstrumentSymbol, minNotionalMinor: 100 }),
  startPriceTicks,
  volatilityBps,
});

const crypto = (symbol: string, tickSize: string, lotSize: string) => ({
  symbol,
  kind: 'crypto' as const,
  base: symbol.split('-')[0] ?? symbol,
  quote: 'USD',
  tickSize,
  lotSize,
  minQtyLots: 1,
});
const stock = (symbol: string) => ({
  symbol,
  kind: 'stock' as const,
  base: symbol,
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  minQtyLots: 1,
});

export const SIMULATED_INSTRUMENTS: readonly SimulatedInstrument[] = [
  sim(crypto('BTC-USD', '0.01', '0.0001'), 9_650_000, 4),
  sim(crypto('ETH-USD', '0.01', '0.001'), 345_000, 5),
  sim(crypto('SOL-USD', '0.001', '0.01'), 182_500, 7),
  sim(crypto('XRP-USD', '0.0001', '1'), 23_400, 8),
  sim(crypto('DOGE-USD', '0.00001', '1'), 38_000, 9),
  sim(crypto('ADA-USD', '0.0001', '1'), 7_800, 8),
  sim(stock('AAPL'), 22_987, 2),
  sim(stock('MSFT'), 42_135, 2),
  sim(stock('NVDA'), 13_825, 3),
  sim(stock('TSLA'), 35_142, 4),
  sim(stock('AMZN'), 19_813, 2),
  sim(stock('SPY'), 59_876, 1),
];

export const INSTRUMENTS: readonly Instrument[] = SIMULATED_INSTRUMENTS.map((s) => s.instrument);
