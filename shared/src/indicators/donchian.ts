import { checkFinite, checkPeriod } from './errors';
import type { BandsValue, StreamingIndicator } from './types';
import { WindowMax } from './window-max';

type MutableBands = { -readonly [K in keyof BandsValue]: BandsValue[K] };

/**
 * Donchian channels (Richard Donchian): upper = highest high and lower = lowest low of the last
 * `period` bars including the current one, middle = (upper + lower) / 2. O(1) amortised per update
 * with two monotonic deques. First value after `period` bars.
 */
export class Donchian implements StreamingIndicator<[high: number, low: number], BandsValue> {
  readonly period: number;
  readonly warmUp: number;
  private readonly highs: WindowMax;
  private readonly negLows: WindowMax;
  private readonly out: MutableBands = { middle: Number.NaN, upper: Number.NaN, lower: Number.NaN };

  constructor(period = 20) {
    this.period = checkPeriod('period', period);
    this.warmUp = period;
    this.highs = new WindowMax(period);
    this.negLows = new WindowMax(period);
  }

  update(high: number, low: number): BandsValue | undefined {
    return Number.isNaN(this.next(high, low)) ? undefined : this.out;
  }

  replace(high: number, low: number): BandsValue | undefined {
    return Number.isNaN(this.replaceNext(high, low)) ? undefined : this.out;
  }

  /**
   * Adds a bar and returns the middle line, NaN until warm; `upper` and `lower` are then readable
   * on the indicator. A plain double: nothing allocated per update.
   */
  next(high: number, low: number): number {
    checkFinite('high', high);
    checkFinite('low', low);
    this.highs.push(high);
    this.negLows.push(-low);
    return this.emit();
  }

  /** `replace` as a plain double (see `next`). */
  replaceNext(high: number, low: number): number {
    if (this.highs.length === 0) return this.next(high, low);
    checkFinite('high', high);
    checkFinite('low', low);
    this.highs.replaceLatest(high);
    this.negLows.replaceLatest(-low);
    return this.emit();
  }

  /** (upper + lower) / 2; NaN until warm. */
  get middle(): number {
    return this.out.middle;
  }

  /** Highest high of the window; NaN until warm. */
  get upper(): number {
    return this.out.upper;
  }

  /** Lowest low of the window; NaN until warm. */
  get lower(): number {
    return this.out.lower;
  }

  get value(): BandsValue | undefined {
    return this.isReady ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.highs.length >= this.period;
  }

  reset(): void {
    this.highs.reset();
    this.negLows.reset();
    this.out.middle = this.out.upper = this.out.lower = Number.NaN;
  }

  private emit(): number {
    if (this.highs.length < this.period) return Number.NaN;
    const out = this.out;
    const upper = this.highs.max;
    const lower = -this.negLows.max;
    const middle = (upper + lower) / 2;
    out.upper = upper;
    out.lower = lower;
    out.middle = middle;
    return middle;
  }
}
