import { assert, type SimulatedInstrument } from '@tradewind/shared';
import { type MarketTick, SimulatedMarket } from '@tradewind/shared/market-sim';
import type { Clock } from '../clock';
import type { FeedHealth, MarketFeed, MarketSink } from './market-feed';

/** Steps run at once to catch up after the event loop was blocked; beyond it steps are skipped. */
export const FEED_CATCHUP_STEPS_MAX = 50;
/** Shortest timer period: faster rates run several steps per timer callback instead. */
export const FEED_TIMER_MS_MIN = 10;

export type SimulatedFeedOptions = {
  readonly seed: number;
  readonly ticksPerSecond: number;
  readonly instruments: readonly SimulatedInstrument[];
  readonly clock: Clock;
  /** Manual: no timer; the owner calls `step()` (tests, benchmarks). */
  readonly manual?: boolean;
  readonly onError?: (error: unknown) => void;
};

/**
 * Drives the pure SimulatedMarket with a timer at `ticksPerSecond` steps per instrument and
 * hands each step's ticks to the sink as one batch. Events carry the injected clock's time;
 * the schedule follows the real monotonic clock so that rates hold under load.
 */
export class SimulatedFeed implements MarketFeed {
  readonly name = 'simulated';
  readonly instruments;
  private readonly market: SimulatedMarket;
  private sink: MarketSink | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private steps = 0;
  private scheduledSteps = 0;
  private startedAtMs = 0;
  private failures = 0;

  constructor(private readonly options: SimulatedFeedOptions) {
    assert(options.ticksPerSecond > 0, 'ticksPerSecond must be positive');
    this.market = new SimulatedMarket({ seed: options.seed, instruments: options.instruments });
    this.instruments = options.instruments.map((s) => s.instrument);
  }

  start(sink: MarketSink): void {
    assert(this.sink === undefined, 'feed already started');
    this.sink = sink;
    if (this.options.manual) return;
    this.startedAtMs = performance.now();
    const periodMs = Math.max(FEED_TIMER_MS_MIN, 1000 / this.options.ticksPerSecond);
    this.timer = setInterval(() => this.onTimer(), periodMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sink = undefined;
  }

  health(): FeedHealth {
    return { running: this.sink !== undefined, steps: this.steps, consecutiveFailures: this.failures };
  }

  /** Runs `count` steps now, each published as one batch. */
  step(count = 1): void {
    const sink = this.sink;
    assert(sink !== undefined, 'feed not started');
    // Stops early when the sink stops the feed (shutdown inside a catch-up burst).
    for (let i = 0; i < count && this.sink === sink; i++) {
      const ticks: MarketTick[] = [];
      this.market.step(this.options.clock.nowMs(), ticks);
      this.steps += 1;
      sink.publish(ticks);
    }
  }

  private onTimer(): void {
    const dueSteps = Math.floor(((performance.now() - this.startedAtMs) * this.options.ticksPerSecond) / 1000);
    const behind = dueSteps - this.scheduledSteps;
    const run = Math.min(behind, FEED_CATCHUP_STEPS_MAX);
    // After a long stall we skip ahead rather than burst: market data is only worth its freshness.
    this.scheduledSteps = dueSteps;
    try {
      if (run > 0) this.step(run);
      this.failures = 0;
    } catch (e) {
      this.failures += 1;
      this.options.onError?.(e);
    }
  }
}
