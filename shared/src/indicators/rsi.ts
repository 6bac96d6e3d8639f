import { checkFinite, checkPeriod } from './errors';
import type { StreamingIndicator } from './types';

/**
 * Wilder's Relative Strength Index ("New Concepts in Technical Trading Systems", 1978), as in the
 * StockCharts ChartSchool worked example: over the first `period` close-to-close changes the average
 * gain and loss are plain means; after that Wilder's smoothing avg = (avg·(n−1) + x) / n.
 *   RSI = 100 − 100 / (1 + avgGain/avgLoss) = 100 · avgGain / (avgGain + avgLoss).
 * Needs `period` changes, so the first value comes after period + 1 closes. With no movement at all
 * (both averages 0) RSI is 50; with no losses it is 100 and with no gains 0, as Wilder defines.
 *
 * State is split into the committed part (all closes before the latest) and the latest close, so
 * `replace` recomputes one step from the committed part.
 */
export class Rsi implements StreamingIndicator<[close: number], number> {
  readonly period: number;
  readonly warmUp: number;
  // Wilder's (avg·(n−1) + x)/n as avg·keep + x·share: multiplications instead of two divisions.
  private readonly share: number;
  private readonly keep: number;
  private count = 0;
  private latest = 0;
  // Committed: after all closes before the latest.
  private cClose = 0;
  private cGain = 0;
  private cLoss = 0;
  // Current: including the latest close. Sums during warm-up, Wilder averages after.
  private gain = 0;
  private loss = 0;
  private out = Number.NaN;

  constructor(period = 14) {
    this.period = checkPeriod('period', period);
    this.warmUp = period + 1;
    this.share = 1 / period;
    this.keep = (period - 1) / period;
  }

  update(close: number): number | undefined {
    const v = this.next(close);
    return this.count > this.period ? v : undefined;
  }

  /** `update` with NaN instead of `undefined` during warm-up: a plain double, never boxed. */
  next(close: number): number {
    checkFinite('close', close);
    if (this.count > 0) {
      this.cClose = this.latest;
      this.cGain = this.gain;
      this.cLoss = this.loss;
    }
    this.count++;
    return this.apply(close);
  }

  replace(close: number): number | undefined {
    const v = this.replaceNext(close);
    return this.count > this.period ? v : undefined;
  }

  /** `replace` with NaN during warm-up (see `next`). */
  replaceNext(close: number): number {
    if (this.count === 0) return this.next(close);
    checkFinite('close', close);
    return this.apply(close);
  }

  get value(): number | undefined {
    return this.count > this.period ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.count > this.period;
  }

  reset(): void {
    this.count = 0;
    this.latest = 0;
    this.cClose = 0;
    this.cGain = 0;
    this.cLoss = 0;
    this.gain = 0;
    this.loss = 0;
    this.out = Number.NaN;
  }

  private apply(close: number): number {
    this.latest = close;
    const changes = this.count - 1;
    if (changes === 0) return Number.NaN;
    const n = this.period;
    const change = close - this.cClose;
    const g = Math.max(change, 0);
    const l = change < 0 ? -change : 0;
    if (changes < n) {
      this.gain = this.cGain + g;
      this.loss = this.cLoss + l;
      return Number.NaN;
    }
    if (changes === n) {
      this.gain = (this.cGain + g) / n;
      this.loss = (this.cLoss + l) / n;
    } else {
      this.gain = this.cGain * this.keep + g * this.share;
      this.loss = this.cLoss * this.keep + l * this.share;
    }
    const total = this.gain + this.loss;
    this.out = total > 0 ? (100 * this.gain) / total : 50;
    return this.out;
  }
}
