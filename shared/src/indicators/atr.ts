import { checkBar, checkPeriod } from './errors';
import type { StreamingIndicator } from './types';

/**
 * Wilder's Average True Range, as in the StockCharts ChartSchool worked example (cs-atr):
 *   TR = max(high − low, |high − previous close|, |low − previous close|), and high − low on the
 *   first bar (there is no previous close);
 *   ATR = mean of the first `period` TRs, then Wilder's smoothing (ATR·(n−1) + TR) / n.
 * First value after `period` bars.
 */
export class Atr implements StreamingIndicator<[high: number, low: number, close: number], number> {
  readonly period: number;
  readonly warmUp: number;
  // Wilder's (atr·(n−1) + tr)/n as atr·keep + tr·share: multiplications instead of a division.
  private readonly share: number;
  private readonly keep: number;
  private count = 0;
  private latestClose = 0;
  // Committed: after all bars before the latest.
  private cClose = 0;
  private cAcc = 0;
  // Current: TR sum during warm-up, the ATR after.
  private acc = 0;

  constructor(period = 14) {
    this.period = checkPeriod('period', period);
    this.warmUp = period;
    this.share = 1 / period;
    this.keep = (period - 1) / period;
  }

  update(high: number, low: number, close: number): number | undefined {
    const v = this.next(high, low, close);
    return this.count >= this.period ? v : undefined;
  }

  /** `update` with NaN instead of `undefined` during warm-up: a plain double, never boxed. */
  next(high: number, low: number, close: number): number {
    checkBar(high, low, close);
    if (this.count > this.period) {
      // Warm: one Wilder step from the state after the previous bar, which becomes the committed one.
      const prevClose = this.latestClose;
      const prev = this.acc;
      this.cClose = prevClose;
      this.cAcc = prev;
      this.latestClose = close;
      this.count++;
      const atr = prev * this.keep + trueRange(high, low, prevClose) * this.share;
      this.acc = atr;
      return atr;
    }
    if (this.count > 0) {
      this.cClose = this.latestClose;
      this.cAcc = this.acc;
    }
    this.count++;
    return this.apply(high, low, close);
  }

  replace(high: number, low: number, close: number): number | undefined {
    const v = this.replaceNext(high, low, close);
    return this.count >= this.period ? v : undefined;
  }

  /** `replace` with NaN during warm-up (see `next`). */
  replaceNext(high: number, low: number, close: number): number {
    if (this.count === 0) return this.next(high, low, close);
    checkBar(high, low, close);
    return this.apply(high, low, close);
  }

  get value(): number | undefined {
    return this.count >= this.period ? this.acc : undefined;
  }

  get isReady(): boolean {
    return this.count >= this.period;
  }

  reset(): void {
    this.count = 0;
    this.latestClose = 0;
    this.cClose = 0;
    this.cAcc = 0;
    this.acc = 0;
  }

  private apply(high: number, low: number, close: number): number {
    this.latestClose = close;
    const n = this.period;
    const tr = this.count === 1 ? high - low : trueRange(high, low, this.cClose);
    if (this.count < n) {
      this.acc = this.cAcc + tr;
      return Number.NaN;
    }
    this.acc = this.count === n ? (this.cAcc + tr) / n : this.cAcc * this.keep + tr * this.share;
    return this.acc;
  }
}

/** Wilder's true range of a bar given the previous bar's close. */
export function trueRange(high: number, low: number, prevClose: number): number {
  const hl = high - low;
  // Math.abs, not `? :`: which side of the previous close a bar lies is a coin toss, and a
  // mispredicted branch costs more than the rest of the update. |a − b| is exact either way.
  const hc = Math.abs(high - prevClose);
  const lc = Math.abs(low - prevClose);
  const m = Math.max(hl, hc);
  return Math.max(m, lc);
}
