import type { Instrument } from '@tradewind/shared';
import type { MarketTick } from '@tradewind/shared/market-sim';

/** Where a feed delivers its ticks: one call per batch (a batch is fanned out, then backpressure is checked). */
export interface MarketSink {
  publish(ticks: readonly MarketTick[]): void;
}

export type FeedHealth = {
  readonly running: boolean;
  readonly steps: number;
  /** Consecutive failed steps; above zero the feed is not healthy. */
  readonly consecutiveFailures: number;
};

/**
 * The source of public market data. Today the seeded random walk (SimulatedFeed); issue 4
 * replaces it with agents trading on the engine's order books, and replays and exchanges
 * come later. The rest of the core only sees this interface.
 */
export interface MarketFeed {
  readonly name: string;
  readonly instruments: readonly Instrument[];
  start(sink: MarketSink): void;
  stop(): void;
  health(): FeedHealth;
}
