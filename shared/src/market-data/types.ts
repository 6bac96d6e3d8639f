/**
 * Public market data derived from the engine: trade prints, best bid/offer, L2 depth (a
 * snapshot plus sequenced deltas) and OHLCV bars. Integers only: prices in ticks, quantities in
 * lots of the instrument's steps; decimal strings are made at the wire, once.
 */
export type AggressorSide = 'buy' | 'sell';

/** One trade as the public sees it. `seq` counts 1, 2, 3… per symbol for the life of a deriver. */
export type TradePrint = {
  readonly symbol: string;
  readonly seq: number;
  readonly tradeId: number;
  readonly tsMs: number;
  readonly priceTicks: number;
  readonly qtyLots: number;
  /** The side of the incoming (taking) order. */
  readonly aggressor: AggressorSide;
};

/** Best bid and offer after a change. A side with no orders has ticks = lots = 0. */
export type Quote = {
  readonly symbol: string;
  readonly tsMs: number;
  readonly bidTicks: number;
  readonly bidLots: number;
  readonly askTicks: number;
  readonly askLots: number;
};

/** A level as [price ticks, total lots]; in a delta, 0 lots means the level is gone. */
export type Level = readonly [priceTicks: number, totalLots: number];

/**
 * Level changes since the previous delta. `seq` is consecutive per symbol (+1 per delta), so a
 * client that sees `seq !== last + 1` has missed one and must take a fresh snapshot.
 */
export type DepthDelta = {
  readonly symbol: string;
  readonly seq: number;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
};

/** The L2 book, best level first; `seq` is the last delta it includes. */
export type DepthSnapshot = DepthDelta;

/** Intervals bars are aggregated at, with their length in ms (1d: aligned at 00:00 UTC). */
export const BAR_INTERVAL_MS = {
  '1s': 1_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
} as const;
export type BarInterval = keyof typeof BAR_INTERVAL_MS;
export const BAR_INTERVALS = Object.keys(BAR_INTERVAL_MS) as readonly BarInterval[];

/** An OHLCV bar. `openTimeMs` is the interval's start, aligned to the interval in UTC. */
export type Bar = {
  readonly symbol: string;
  readonly interval: BarInterval;
  readonly openTimeMs: number;
  readonly openTicks: number;
  readonly highTicks: number;
  readonly lowTicks: number;
  readonly closeTicks: number;
  readonly volumeLots: number;
  readonly tradeCount: number;
  /**
   * Set when the aggregator started inside this interval (a process start or restart): it saw
   * only the trades since, and a store that has the earlier ones should rebuild the bar from them.
   */
  readonly partial?: true;
};

/** Everything one derivation step produced, in the order it happened per kind. */
export type MarketDataBatch = {
  readonly trades: TradePrint[];
  readonly quotes: Quote[];
  readonly depth: DepthDelta[];
  /** Bars that closed (their interval ended); a closed bar never changes again. */
  readonly bars: Bar[];
};

export function emptyBatch(): MarketDataBatch {
  return { trades: [], quotes: [], depth: [], bars: [] };
}
