import type { Instrument } from '@tradewind/shared';
import type { DepthSnapshot, MarketDataBatch } from '@tradewind/shared/market-data';
import type { MarketTick } from '@tradewind/shared/market-sim';

/** Where a feed delivers its data: one call per batch (a batch is fanned out, then backpressure is checked). */
export interface MarketSink {
  /** Random-walk ticks (trades and quotes only). */
  publish(ticks: readonly MarketTick[]): void;
  /** Market data derived from the engine: trades, quotes, depth deltas, closed bars. */
  publishData(batch: MarketDataBatch): void;
  /** From now on a new `depth.<SYM>` subscriber first gets `source(SYM)` as a snapshot. */
  serveDepth(source: (symbol: string) => DepthSnapshot | undefined): void;
}

export type FeedHealth = {
  readonly running: boolean;
  readonly steps: number;
  /** Consecutive failed steps; above zero the feed is not healthy. */
  readonly consecutiveFailures: number;
};

/**
 * The source of public market data: agents trading on the engine's order books (EngineFeed,
 * the default), the seeded random walk (SimulatedFeed, for tests and benchmarks of the
 * fan-out), or recorded history (ReplayFeed, MARKET_SOURCE=replay). The rest of the core only
 * sees this interface.
 */
export interface MarketFeed {
  readonly name: string;
  readonly instruments: readonly Instrument[];
  start(sink: MarketSink): void;
  stop(): void;
  health(): FeedHealth;
}
