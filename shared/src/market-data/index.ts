/**
 * Public market data derived from the engine's events and books: trade prints with the
 * aggressor side, best bid/offer changes, L2 depth as a snapshot plus sequenced deltas (a client
 * applying them with `DepthBook` reproduces the book; a seq gap means re-sync), and OHLCV bars
 * at 1s…1d in exact integers (ticks, lots). Pure: no clock, randomness or I/O.
 */
export { BarAggregator, intervalStartMs } from './bar-aggregator';
export { type BookSide, DepthBook } from './depth-book';
export { DEPTH_LEVELS_MAX, type DepthSource, DepthTracker } from './depth-tracker';
export { DERIVER_SYMBOLS_MAX, type DeriverOptions, MarketDataDeriver } from './market-data-deriver';
export {
  type AggressorSide,
  BAR_INTERVAL_MS,
  BAR_INTERVALS,
  type Bar,
  type BarInterval,
  type DepthDelta,
  type DepthSnapshot,
  emptyBatch,
  type Level,
  type MarketDataBatch,
  type Quote,
  type TradePrint,
} from './types';
