import { checkFinite, checkPeriod, IndicatorParamError, MAX_BAND_MULTIPLIER } from './errors';
import type { BandsValue, StreamingIndicator } from './types';

type MutableBands = { -readonly [K in keyof BandsValue]: BandsValue[K] };

/**
 * Bollinger Bands (John Bollinger), as in the StockCharts ChartSchool example: middle = SMA(n),
 * upper/lower = middle ± multiplier · σ, where σ is the population standard deviation of the same n
 * closes. First value after n closes.
 *
 * O(1) per update with a sliding Welford update of the window mean and of M2 = Σ(x − mean)²:
 * exchanging `old` for `x` in a window of k values gives mean' = mean + (x − old)/k and
 * M2' = M2 + (x − old)(x − mean' + old − mean). Unlike a running sum of squares this does not
 * cancel catastrophically when σ is small against the price. Two guards keep the rounding of
 * that update from showing through the square root (√ turns an M2 of 1e-16 · price² into a band
 * of 1e-8 · price): a window of one repeated close (a flat market) has σ = 0 exactly, and every
 * time the ring wraps the mean and M2 are recomputed from the window (amortised O(1)), so the
 * error never accumulates beyond one lap.
 */
export class Bollinger implements StreamingIndicator<[close: number], BandsValue> {
  readonly period: number;
  readonly multiplier: number;
  readonly warmUp: number;
  private readonly ring: Float64Array;
  private readonly out: MutableBands = { middle: Number.NaN, upper: Number.NaN, lower: Number.NaN };
  private pos = -1;
  private count = 0;
  private mean = 0;
  private m2 = 0;
  /** How many of the newest closes are equal (the run before the newest one, for `replace`). */
  private run = 0;
  private runBefore = 0;

  constructor(period = 20, multiplier = 2) {
    this.period = checkPeriod('period', period);
    if (!(multiplier > 0 && multiplier <= MAX_BAND_MULTIPLIER)) {
      throw new IndicatorParamError('multiplier', multiplier, `in (0, ${MAX_BAND_MULTIPLIER}]`);
    }
    this.multiplier = multiplier;
    this.warmUp = period;
    this.ring = new Float64Array(period);
  }

  update(close: number): BandsValue | undefined {
    return Number.isNaN(this.next(close)) ? undefined : this.out;
  }

  replace(close: number): BandsValue | undefined {
    return Number.isNaN(this.replaceNext(close)) ? undefined : this.out;
  }

  /**
   * Adds a close and returns the middle band, NaN until warm; `upper` and `lower` are then readable
   * on the indicator. A plain double: nothing allocated per update.
   */
  next(close: number): number {
    checkFinite('close', close);
    const n = this.period;
    let p = this.pos + 1;
    if (p === n) p = 0;
    this.pos = p;
    this.runBefore = this.run;
    this.run = this.count > 0 && close === this.ring[p === 0 ? n - 1 : p - 1] ? this.run + 1 : 1;
    if (this.count >= n) {
      this.exchange(this.ring[p] as number, close, n);
    } else {
      const k = this.count + 1;
      const delta = close - this.mean;
      this.mean += delta / k;
      this.m2 += delta * (close - this.mean);
    }
    this.ring[p] = close;
    this.count++;
    if (p === n - 1 && this.count > n) this.recompute();
    return this.emit();
  }

  /** `replace` as a plain double (see `next`). */
  replaceNext(close: number): number {
    if (this.count === 0) return this.next(close);
    checkFinite('close', close);
    const n = this.period;
    const k = Math.min(this.count, n);
    const prev = this.pos === 0 ? n - 1 : this.pos - 1;
    this.run = this.count > 1 && close === this.ring[prev] ? this.runBefore + 1 : 1;
    this.exchange(this.ring[this.pos] as number, close, k);
    this.ring[this.pos] = close;
    return this.emit();
  }

  /** SMA of the window; NaN until warm. */
  get middle(): number {
    return this.out.middle;
  }

  /** Middle + multiplier · σ; NaN until warm. */
  get upper(): number {
    return this.out.upper;
  }

  /** Middle − multiplier · σ; NaN until warm. */
  get lower(): number {
    return this.out.lower;
  }

  get value(): BandsValue | undefined {
    return this.isReady ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.count >= this.period;
  }

  reset(): void {
    this.pos = -1;
    this.count = 0;
    this.mean = 0;
    this.m2 = 0;
    this.run = this.runBefore = 0;
    this.out.middle = this.out.upper = this.out.lower = Number.NaN;
  }

  private exchange(old: number, x: number, k: number): void {
    const mean = this.mean + (x - old) / k;
    this.m2 += (x - old) * (x - mean + old - this.mean);
    this.mean = mean;
  }

  /** The full window's mean and M2, two-pass (exact up to one rounding per term). */
  private recompute(): void {
    const ring = this.ring;
    const n = ring.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += ring[i] as number;
    const mean = sum / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = (ring[i] as number) - mean;
      m2 += d * d;
    }
    this.mean = mean;
    this.m2 = m2;
  }

  private emit(): number {
    if (this.count < this.period) return Number.NaN;
    if (this.run >= this.period) {
      // A flat window: its mean is its close and σ is 0, exactly.
      this.m2 = 0;
      this.mean = this.ring[this.pos] as number;
    }
    // Rounding can leave M2 a hair below zero for a flat window.
    const variance = this.m2 > 0 ? this.m2 / this.period : 0;
    const width = this.multiplier * Math.sqrt(variance);
    const out = this.out;
    out.middle = this.mean;
    out.upper = this.mean + width;
    out.lower = this.mean - width;
    return this.mean;
  }
}
