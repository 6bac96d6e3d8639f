import { assert } from '../util/assert';
import { BAR_INTERVAL_MS, BAR_INTERVALS, type Bar, type BarInterval } from './types';

type OpenBar = {
  openTimeMs: number;
  openTicks: number;
  highTicks: number;
  lowTicks: number;
  closeTicks: number;
  volumeLots: number;
  tradeCount: number;
};

/** Start of the interval holding `tsMs`; epoch-aligned, so 1d bars open at 00:00 UTC. */
export function intervalStartMs(tsMs: number, interval: BarInterval): number {
  const ms = BAR_INTERVAL_MS[interval];
  return Math.floor(tsMs / ms) * ms;
}

/**
 * OHLCV bars of one symbol at every interval, from its trades in time order. A bar exists
 * only for an interval with trades; it closes when a trade or `closeDue` reaches the next
 * interval, and a closed bar never changes. Exact integers: volume is a sum of lots, asserted to
 * stay a safe integer.
 */
export class BarAggregator {
  private readonly open = new Map<BarInterval, OpenBar>();
  private lastTsMs = Number.NEGATIVE_INFINITY;
  /** The time of the first trade or clock tick seen: bars that opened before it are partial. */
  private firstTsMs = Number.NaN;

  constructor(
    readonly symbol: string,
    readonly intervals: readonly BarInterval[] = BAR_INTERVALS,
  ) {
    assert(intervals.length > 0, 'bars need at least one interval');
  }

  /** Adds a trade; bars it closes are appended to `closed`. */
  addTrade(tsMs: number, priceTicks: number, qtyLots: number, closed: Bar[]): void {
    assert(Number.isSafeInteger(priceTicks) && priceTicks > 0, 'bar price must be a positive integer');
    assert(Number.isSafeInteger(qtyLots) && qtyLots > 0, 'bar quantity must be a positive integer');
    this.advance(tsMs, closed);
    for (const interval of this.intervals) {
      const bar = this.open.get(interval);
      if (bar === undefined) {
        this.open.set(interval, {
          openTimeMs: intervalStartMs(tsMs, interval),
          openTicks: priceTicks,
          highTicks: priceTicks,
          lowTicks: priceTicks,
          closeTicks: priceTicks,
          volumeLots: qtyLots,
          tradeCount: 1,
        });
        continue;
      }
      bar.highTicks = Math.max(bar.highTicks, priceTicks);
      bar.lowTicks = Math.min(bar.lowTicks, priceTicks);
      bar.closeTicks = priceTicks;
      bar.volumeLots += qtyLots;
      bar.tradeCount += 1;
      assert(Number.isSafeInteger(bar.volumeLots), 'bar volume passed 2^53 lots');
    }
  }

  /** Closes every bar whose interval has ended by `nowMs` (time passes without trades too). */
  closeDue(nowMs: number, closed: Bar[]): void {
    this.advance(nowMs, closed);
  }

  /** The bars in progress (not closed), for a chart's live candle. */
  current(): Bar[] {
    const out: Bar[] = [];
    for (const [interval, bar] of this.open) out.push(this.view(interval, bar));
    return out;
  }

  private advance(nowMs: number, closed: Bar[]): void {
    assert(Number.isFinite(nowMs), 'bar time must be finite');
    assert(nowMs >= this.lastTsMs, 'bar time went backwards');
    this.lastTsMs = nowMs;
    if (Number.isNaN(this.firstTsMs)) this.firstTsMs = nowMs;
    for (const interval of this.intervals) {
      const bar = this.open.get(interval);
      if (bar === undefined || nowMs < bar.openTimeMs + BAR_INTERVAL_MS[interval]) continue;
      closed.push(this.view(interval, bar));
      this.open.delete(interval);
    }
  }

  private view(interval: BarInterval, bar: OpenBar): Bar {
    const whole = bar.openTimeMs >= this.firstTsMs;
    return whole ? { symbol: this.symbol, interval, ...bar } : { symbol: this.symbol, interval, ...bar, partial: true };
  }
}
