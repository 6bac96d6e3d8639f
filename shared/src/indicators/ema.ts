import { checkFinite, checkPeriod } from './errors';
import type { StreamingIndicator } from './types';

/**
 * Exponential moving average with α = 2 / (period + 1), seeded with the SMA of the first `period`
 * inputs (the StockCharts convention), so the first value comes after `period` inputs:
 *   EMA_t = α · x_t + (1 − α) · EMA_{t−1}.
 * Written this way (not EMA_{t−1} + α · (x_t − EMA_{t−1})) because only one multiply and one add
 * depend on the previous value: the chain from one update to the next is a third shorter.
 * `replace` recomputes the latest step from the EMA before it (kept as `prev`).
 */
export class Ema implements StreamingIndicator<[value: number], number> {
  readonly period: number;
  readonly warmUp: number;
  private readonly alpha: number;
  /** 1 − α. */
  private readonly keep: number;
  // Inputs seen while seeding; once `ready`, the update path touches only prev/out (a hot path:
  // charts and strategies run many EMAs).
  private count = 0;
  private ready = false;
  private last = 0;
  private seedSum = 0;
  private prev = Number.NaN;
  private out = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmUp = period;
    this.alpha = 2 / (period + 1);
    this.keep = 1 - this.alpha;
  }

  update(value: number): number | undefined {
    const v = this.next(value);
    return this.ready ? v : undefined;
  }

  /**
   * `update`, but NaN instead of `undefined` before the first value. A plain double: JavaScript
   * cannot keep `number | undefined` unboxed, so an indicator built on this one (MACD) or a hot
   * loop that calls this allocates nothing per update.
   */
  next(value: number): number {
    checkFinite('value', value);
    if (this.ready) {
      const prev = this.out;
      this.prev = prev;
      this.out = this.alpha * value + this.keep * prev;
      return this.out;
    }
    // `last` is needed only while seeding (replace adjusts the seed sum); afterwards `prev` suffices.
    this.count++;
    this.last = value;
    this.seedSum += value;
    return this.seed();
  }

  replace(value: number): number | undefined {
    const v = this.replaceNext(value);
    return this.ready ? v : undefined;
  }

  /** `replace` with NaN before the first value (see `next`). */
  replaceNext(value: number): number {
    if (this.count === 0) return this.next(value);
    checkFinite('value', value);
    if (this.ready && !Number.isNaN(this.prev)) {
      this.out = this.alpha * value + this.keep * this.prev;
      return this.out;
    }
    this.seedSum += value - this.last;
    this.last = value;
    return this.seed();
  }

  get value(): number | undefined {
    return this.ready ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.ready;
  }

  reset(): void {
    this.count = 0;
    this.ready = false;
    this.last = 0;
    this.seedSum = 0;
    this.prev = Number.NaN;
    this.out = Number.NaN;
  }

  /** The seed (SMA of the first `period` inputs) once there are enough, else NaN. */
  private seed(): number {
    if (this.count < this.period) return Number.NaN;
    this.ready = true;
    this.out = this.seedSum / this.period;
    return this.out;
  }
}
