import type { ChartBar } from './bars';

/**
 * Live trades folded into bars of the displayed interval, on the client: a trade in the
 * last bar's interval updates it, a later one opens a new bar, an older one (late, or
 * already in the history) is ignored so the history is never rewritten.
 */
export class LiveBars {
  readonly #intervalMs: number;
  #last: ChartBar | null;

  constructor(intervalMs: number, last: ChartBar | null) {
    this.#intervalMs = intervalMs;
    this.#last = last;
  }

  get last(): ChartBar | null {
    return this.#last;
  }

  /** The bar to draw after this trade and whether it is a new one; null when ignored. */
  apply(price: number, qty: number, tsMs: number): { bar: ChartBar; opened: boolean } | null {
    if (!Number.isFinite(price) || price <= 0 || !Number.isFinite(qty) || qty < 0) return null;
    const openSec = (Math.floor(tsMs / this.#intervalMs) * this.#intervalMs) / 1000;
    const last = this.#last;
    if (last !== null && openSec < last.time) return null;
    if (last !== null && openSec === last.time) {
      const bar = {
        ...last,
        high: Math.max(last.high, price),
        low: Math.min(last.low, price),
        close: price,
        volume: last.volume + qty,
      };
      this.#last = bar;
      return { bar, opened: false };
    }
    const bar = { time: openSec, open: price, high: price, low: price, close: price, volume: qty };
    this.#last = bar;
    return { bar, opened: true };
  }
}
