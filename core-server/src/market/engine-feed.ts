import { assert, type Instrument, type SimulatedInstrument } from '@tradewind/shared';
import type { EngineEvent } from '@tradewind/shared/engine';
import { type DepthSnapshot, emptyBatch, type MarketDataBatch, MarketDataDeriver } from '@tradewind/shared/market-data';
import { engineMarketView, MarketAgents } from '@tradewind/shared/market-sim/agents';
import type { Clock } from '../clock';
import type { FeedHealth, MarketFeed, MarketSink } from './market-feed';
import type { MarketVenue, UntimedSystemCommand } from './market-venue';

/** Shortest timer period: faster agent rates run several steps per timer callback instead. */
export const ENGINE_FEED_TIMER_MS_MIN = 10;
/** Agent steps run at once to catch up after a stall; beyond it steps are skipped (freshness over history). */
export const ENGINE_FEED_CATCHUP_STEPS_MAX = 10;
/**
 * Bars close this long after their interval ends by the clock. Events arrive once durable, a
 * group commit after the engine applied them, stamped with the time they were applied: the grace
 * lets such a trade still land in its own bar. A trade later than that goes into the bar open at
 * its arrival (time never runs backwards for the bars).
 */
export const BAR_CLOSE_GRACE_MS = 250;

/** Where derived market data goes besides the sockets (the recorder); must not block. */
export interface MarketDataTap {
  record(batch: MarketDataBatch): void;
}

export type EngineFeedOptions = {
  readonly venue: MarketVenue;
  /** The instruments the agents trade (with their start prices and volatility). */
  readonly instruments: readonly SimulatedInstrument[];
  readonly seed: number;
  readonly stepsPerSecond: number;
  readonly volatilityScale?: number;
  readonly clock: Clock;
  /** Manual: no timer; the owner calls `step()` / `flush()` (tests, benchmarks). */
  readonly manual?: boolean;
  readonly tap?: MarketDataTap;
  readonly onError?: (error: unknown) => void;
};

/**
 * The simulated market on the engine's own books. A timer runs the agents at `stepsPerSecond`;
 * their commands go through the venue (core's order entry and journal, like users' orders), and
 * every applied command's events — users' too — come back to derive public market data: trades,
 * BBO, depth deltas and bars, published once per burst of events and handed to the tap
 * (recording). A step waits for the previous one to be durable, so the journal queue stays bounded.
 */
export class EngineFeed implements MarketFeed {
  readonly name = 'engine';
  readonly instruments: readonly Instrument[];
  private readonly agents: MarketAgents;
  private readonly deriver: MarketDataDeriver;
  private sink: MarketSink | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private batch: MarketDataBatch = emptyBatch();
  private flushScheduled = false;
  /** Market-data time: never decreases (events and bar closes are stamped no earlier). */
  private watermarkMs = 0;
  private inFlight: Promise<void> | undefined;
  private steps = 0;
  private scheduledSteps = 0;
  private startedAtMs = 0;
  private failures = 0;

  constructor(private readonly options: EngineFeedOptions) {
    assert(options.stepsPerSecond > 0, 'stepsPerSecond must be positive');
    this.agents = new MarketAgents({
      seed: options.seed,
      instruments: options.instruments,
      stepsPerSecond: options.stepsPerSecond,
      ...(options.volatilityScale === undefined ? {} : { volatilityScale: options.volatilityScale }),
    });
    this.instruments = options.instruments.map((s) => s.instrument);
    this.deriver = new MarketDataDeriver(this.instruments.map((i) => i.symbol));
    options.venue.onEvents((events, timeMs) => this.onEvents(events, timeMs));
  }

  start(sink: MarketSink): void {
    assert(this.sink === undefined, 'feed already started');
    this.sink = sink;
    sink.serveDepth((symbol) => this.depthSnapshot(symbol));
    // The books as recovered from the journal, at once rather than at the first event.
    this.flush();
    if (this.options.manual) return;
    this.startedAtMs = performance.now();
    const periodMs = Math.max(ENGINE_FEED_TIMER_MS_MIN, 1000 / this.options.stepsPerSecond);
    this.timer = setInterval(() => this.onTimer(), periodMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.sink !== undefined) this.flush();
    this.sink = undefined;
  }

  health(): FeedHealth {
    return { running: this.sink !== undefined, steps: this.steps, consecutiveFailures: this.failures };
  }

  /**
   * The published depth of a symbol: what a new subscriber starts from. Changes not yet flushed
   * come after it as the next delta, so a snapshot is never preceded by a delta it already holds.
   */
  depthSnapshot(symbol: string): DepthSnapshot | undefined {
    return this.deriver.snapshot(symbol);
  }

  /**
   * One agent step now: their commands go to the venue. Resolves once they are durable; a step
   * asked for while the last one is in flight, or while the venue refuses commands, is skipped.
   */
  step(): Promise<void> {
    const venue = this.options.venue;
    if (this.inFlight !== undefined || !venue.accepting) return this.inFlight ?? Promise.resolve();
    const nowMs = this.options.clock.nowMs();
    const view = engineMarketView(venue.engineState);
    const commands = [...this.agents.setup(nowMs, view), ...this.agents.step(nowMs, view)];
    this.steps += 1;
    const submitted = commands.map((c) => venue.submitInternal(untimed(c)));
    const done = Promise.all(submitted).then(
      () => {
        this.failures = 0;
      },
      (e: unknown) => {
        this.failures += 1;
        this.options.onError?.(e);
      },
    );
    this.inFlight = done.finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Derives depth, BBO and due bars from the books now and publishes what is pending. */
  flush(): void {
    this.flushScheduled = false;
    const sink = this.sink;
    if (sink === undefined) return;
    this.watermarkMs = Math.max(this.watermarkMs, this.options.clock.nowMs() - BAR_CLOSE_GRACE_MS);
    const nowMs = this.watermarkMs;
    const state = this.options.venue.engineState;
    const batch = this.batch;
    this.batch = emptyBatch();
    this.deriver.sync(nowMs, (symbol) => state.instruments[state.symbolIx.get(symbol) ?? -1]?.book, batch);
    if (batch.trades.length + batch.quotes.length + batch.depth.length + batch.bars.length === 0) return;
    sink.publishData(batch);
    this.options.tap?.record(batch);
  }

  private onEvents(events: readonly EngineEvent[], timeMs: number): void {
    if (this.sink === undefined) return;
    this.watermarkMs = Math.max(this.watermarkMs, timeMs);
    this.deriver.onEvents(this.watermarkMs, events, this.batch);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One flush per burst: the journal announces a whole group commit in one go.
    setImmediate(() => this.safely(() => this.flush()));
  }

  private onTimer(): void {
    const dueSteps = Math.floor(((performance.now() - this.startedAtMs) * this.options.stepsPerSecond) / 1000);
    const behind = Math.min(dueSteps - this.scheduledSteps, ENGINE_FEED_CATCHUP_STEPS_MAX);
    this.scheduledSteps = dueSteps;
    this.safely(() => {
      // Steps wait for the previous one to be durable, so a burst collapses into one step.
      if (behind > 0) void this.step();
      this.flush();
    });
  }

  private safely(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.failures += 1;
      this.options.onError?.(e);
    }
  }
}

function untimed(command: { readonly timeMs: number }): UntimedSystemCommand {
  const { timeMs: _time, ...rest } = command;
  return rest as UntimedSystemCommand;
}
