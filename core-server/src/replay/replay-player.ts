import { assert } from '@tradewind/shared';
import { emptyBatch, type MarketDataBatch } from '@tradewind/shared/market-data';
import type { ReplaySpeed, ReplayState } from '@tradewind/shared/protocol';
import type { HistoryCursor, HistoryRange } from './recorded-history';
import type { ReplayEvent } from './replay-event';

/**
 * Events one tick may publish. Bounds the core's time per tick and session, so `max` speed is
 * "as fast as the budget allows" and a replay never starves the live market (at the driver's
 * 50 ms period: 40,000 events/s per session).
 */
export const REPLAY_TICK_EVENTS_MAX = 2_000;
/**
 * Stretches of market time without any recorded event longer than this are jumped over (the
 * nights, a core that was down): a replay of a day shows its trading at once, not hours of nothing.
 */
export const REPLAY_GAP_SKIP_MS = 60_000;

export type PlayerOptions = {
  readonly range: HistoryRange;
  readonly speed: ReplaySpeed;
  readonly paused?: boolean;
  /** Opens the recorded history from a market time on (a seek reopens it). */
  readonly open: (fromMs: number) => HistoryCursor;
  /** One call per tick with what the tick played, in replay order per kind. */
  readonly publish: (batch: MarketDataBatch) => void;
};

/**
 * Plays recorded history against wall time: each `tick(elapsedMs)` moves the market clock by
 * `elapsedMs × speed` (unbounded for `max`) and publishes every event up to it, at most
 * REPLAY_TICK_EVENTS_MAX per tick. Time and pacing come from the caller (a timer in core, the
 * test directly), so the same range played at any speed publishes the same events in the same
 * order. Ticks must not overlap (the driver awaits each one).
 */
export class ReplayPlayer {
  private cursor: HistoryCursor;
  private buffer: ReplayEvent[] = [];
  private ix = 0;
  private exhausted = false;
  private stateNow: ReplayState;
  private speedNow: ReplaySpeed;
  private position: number;
  private played = 0;

  constructor(private readonly options: PlayerOptions) {
    assert(options.range.fromMs < options.range.toMs, 'replay range must not be empty');
    this.cursor = options.open(options.range.fromMs);
    this.stateNow = options.paused ? 'paused' : 'playing';
    this.speedNow = options.speed;
    this.position = options.range.fromMs;
  }

  get state(): ReplayState {
    return this.stateNow;
  }
  get speed(): ReplaySpeed {
    return this.speedNow;
  }
  get positionMs(): number {
    return this.position;
  }
  /** Events published since the start or the last seek. */
  get events(): number {
    return this.played;
  }

  play(): void {
    if (this.stateNow === 'paused') this.stateNow = 'playing';
  }
  pause(): void {
    if (this.stateNow === 'playing') this.stateNow = 'paused';
  }
  setSpeed(speed: ReplaySpeed): void {
    this.speedNow = speed;
  }
  stop(): void {
    this.stateNow = 'stopped';
  }

  /** Restarts from `positionMs` (inside the range); an ended replay is paused there. */
  seek(positionMs: number): void {
    const { fromMs, toMs } = this.options.range;
    assert(positionMs >= fromMs && positionMs <= toMs, 'seek inside the range');
    if (this.stateNow === 'stopped') return;
    this.cursor = this.options.open(positionMs);
    this.buffer = [];
    this.ix = 0;
    this.exhausted = false;
    this.position = positionMs;
    this.played = 0;
    if (this.stateNow === 'ended') this.stateNow = 'paused';
  }

  /** Plays `elapsedMs` of wall time; returns the number of events published. */
  async tick(elapsedMs: number): Promise<number> {
    if (this.stateNow !== 'playing') return 0;
    let target = this.speedNow === 'max' ? Number.POSITIVE_INFINITY : this.position + elapsedMs * this.speedNow;
    const batch = emptyBatch();
    let count = 0;
    while (count < REPLAY_TICK_EVENTS_MAX) {
      const cursor = this.cursor;
      const e = await this.peek();
      // A seek or a stop while the page was read: this tick's plan no longer holds.
      if (cursor !== this.cursor || this.stateNow !== 'playing') return this.finish(batch, count);
      if (e === undefined) {
        this.position = this.options.range.toMs;
        this.stateNow = 'ended';
        return this.finish(batch, count);
      }
      if (e.atMs - this.position > REPLAY_GAP_SKIP_MS) target = Math.max(target, e.atMs);
      if (e.atMs > target) break;
      this.ix += 1;
      add(batch, e);
      count += 1;
      this.position = Math.max(this.position, e.atMs);
    }
    if (count < REPLAY_TICK_EVENTS_MAX)
      this.position = Math.min(Math.max(this.position, target), this.options.range.toMs);
    return this.finish(batch, count);
  }

  private finish(batch: MarketDataBatch, count: number): number {
    this.played += count;
    if (count > 0) this.options.publish(batch);
    return count;
  }

  private async peek(): Promise<ReplayEvent | undefined> {
    if (this.ix < this.buffer.length) return this.buffer[this.ix];
    if (this.exhausted) return undefined;
    const cursor = this.cursor;
    const page = await cursor.next(REPLAY_TICK_EVENTS_MAX);
    if (cursor !== this.cursor) return undefined;
    this.buffer = page;
    this.ix = 0;
    if (page.length === 0) this.exhausted = true;
    return page[0];
  }
}

function add(batch: MarketDataBatch, e: ReplayEvent): void {
  switch (e.kind) {
    case 'trade':
      batch.trades.push(e.trade);
      return;
    case 'quote':
      batch.quotes.push(e.quote);
      return;
    case 'bar':
      batch.bars.push(e.bar);
      return;
  }
}
