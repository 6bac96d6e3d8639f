import type { InstrumentSymbol } from '../domain/ids';

/**
 * Market data as a feed produces it, in integers of the instrument: prices in ticks,
 * quantities in lots, time in ms. Converting to decimal strings happens once, at the wire.
 * The simulated market emits these today; the engine's books will emit the same shapes.
 */
export type TradeTick = {
  readonly kind: 'trade';
  readonly symbol: InstrumentSymbol;
  readonly priceTicks: number;
  readonly qtyLots: number;
  /** The aggressor's side: `buy` lifted the ask, `sell` hit the bid. */
  readonly side: 'buy' | 'sell';
  readonly tsMs: number;
};

export type QuoteTick = {
  readonly kind: 'bbo';
  readonly symbol: InstrumentSymbol;
  readonly bidTicks: number;
  readonly bidLots: number;
  readonly askTicks: number;
  readonly askLots: number;
  readonly tsMs: number;
};

export type MarketTick = TradeTick | QuoteTick;
