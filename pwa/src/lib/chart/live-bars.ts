import type { ChartBar } from './bars';

/** A bar of a finer interval (1 s from core, or 1 s / 1 m history) folded into the displayed one. */
export type FineBar = {
  readonly timeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
};

/**
 * Finer closed bars folded into bars of the displayed interval, on the client: a bar inside
 * the last bar's interval updates it, a later one opens a new bar, and one at or before the
 * last folded time (late, a repeat, or already in the history) is ignored, so the history is
 * never rewritten and nothing is counted twice.
 */
export class LiveBars {
  readonly #intervalMs: number;
  #last: ChartBar | null;
  /** Open time of the newest fine bar counted; history counts as folded up to its last second. */
  #foldedMs: number;

  constructor(intervalMs: number, last: ChartBar | null) {
    this.#intervalMs = intervalMs;
    this.#last = last;
    this.#foldedMs = last === null ? Number.NEGATIVE_INFINITY : last.time * 1000 + intervalMs - 1;
  }

  get last(): ChartBar | null {
    return this.#last;
  }

  /** The bar to draw after this fine bar and whether it is a new one; null when ignored. */
  apply(b: FineBar): { bar: ChartBar; opened: boolean } | null {
    const prices = [b.open, b.high, b.low, b.close];
    if (!prices.every((p) => Number.isFinite(p) && p > 0) || !Number.isFinite(b.volume) || b.volume < 0) return null;
    if (b.timeMs <= this.#foldedMs) return null;
    this.#foldedMs = b.timeMs;
    const openSec = (Math.floor(b.timeMs / this.#intervalMs) * this.#intervalMs) / 1000;
    const last = this.#last;
    if (last !== null && openSec === last.time) {
      const bar = {
        ...last,
        high: Math.max(last.high, b.high),
        low: Math.min(last.low, b.low),
        close: b.close,
        volume: last.volume + b.volume,
      };
      this.#last = bar;
      return { bar, opened: false };
    }
    const bar = { time: openSec, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
    this.#last = bar;
    return { bar, opened: true };
  }
}
