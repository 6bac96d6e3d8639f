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
    checkFinite('high', high);
    checkFinite('low', low);
    this.highs.push(high);
    this.negLows.push(-low);
    return this.emit();
  }

  replace(high: number, low: number): BandsValue | undefined {
    if (this.highs.length === 0) return this.update(high, low);
    checkFinite('high', high);
    checkFinite('low', low);
    this.highs.replaceLatest(high);
    this.negLows.replaceLatest(-low);
    return this.emit();
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

  private emit(): BandsValue | undefined {
    if (this.highs.length < this.period) return undefined;
    const out = this.out;
    out.upper = this.highs.max;
    out.lower = -this.negLows.max;
    out.middle = (out.upper + out.lower) / 2;
    return out;
  }
}
