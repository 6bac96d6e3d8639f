import { checkBar, checkPeriod } from './errors';
import { Sma } from './sma';
import type { StochasticValue, StreamingIndicator } from './types';
import { WindowMax } from './window-max';

type MutableStochastic = { -readonly [K in keyof StochasticValue]: StochasticValue[K] };

/**
 * Stochastic oscillator (George Lane), as in the StockCharts ChartSchool example:
 *   raw %K = 100 · (close − lowest low) / (highest high − lowest low) over the last `kPeriod` bars
 *   (50 when the range is 0: the close sits in a range of no width),
 *   %K = SMA(smoothK) of raw %K (smoothK = 1 is the fast stochastic, 3 the usual slow one),
 *   %D = SMA(dPeriod) of %K.
 * The highest high and lowest low come from monotonic deques (WindowMax), so an update is O(1)
 * amortised. First value (with %D) after kPeriod + smoothK + dPeriod − 2 bars.
 */
export class Stochastic implements StreamingIndicator<[high: number, low: number, close: number], StochasticValue> {
  readonly warmUp: number;
  private readonly highs: WindowMax;
  // Lows are stored negated: the max of −low is −(lowest low).
  private readonly negLows: WindowMax;
  private readonly kSma: Sma;
  private readonly dSma: Sma;
  // smoothK > 1. With smoothK = 1 (the fast stochastic) %K is raw %K itself: not passed through an
  // SMA(1), whose running sum would only add rounding and work.
  private readonly smooth: boolean;
  private readonly out: MutableStochastic = { k: Number.NaN, d: Number.NaN };

  constructor(kPeriod = 14, dPeriod = 3, smoothK = 1) {
    this.highs = new WindowMax(checkPeriod('kPeriod', kPeriod));
    this.negLows = new WindowMax(kPeriod);
    this.kSma = new Sma(checkPeriod('smoothK', smoothK));
    this.dSma = new Sma(checkPeriod('dPeriod', dPeriod));
    this.warmUp = kPeriod + smoothK + dPeriod - 2;
    this.smooth = smoothK > 1;
  }

  update(high: number, low: number, close: number): StochasticValue | undefined {
    return Number.isNaN(this.next(high, low, close)) ? undefined : this.out;
  }

  replace(high: number, low: number, close: number): StochasticValue | undefined {
    return Number.isNaN(this.replaceNext(high, low, close)) ? undefined : this.out;
  }

  /**
   * Adds a bar and returns %K, NaN until %D exists (warm); `d` is then readable on the indicator.
   * A plain double: nothing allocated per update.
   */
  next(high: number, low: number, close: number): number {
    checkBar(high, low, close);
    this.highs.push(high);
    this.negLows.push(-low);
    if (this.highs.length < this.highs.period) return Number.NaN;
    // rawK written out here: inlined by hand, it keeps the whole update within V8's inlining
    // budget in a caller's loop (a call that is not inlined returns its double boxed).
    const hh = this.highs.max;
    const ll = -this.negLows.max;
    const range = hh - ll;
    const raw = range > 0 ? (100 * (close - ll)) / range : 50;
    const k = this.smooth ? this.kSma.next(raw) : raw;
    if (Number.isNaN(k)) return Number.NaN;
    return this.emit(k, this.dSma.nextFinite(k));
  }

  /** `replace` as a plain double (see `next`). */
  replaceNext(high: number, low: number, close: number): number {
    if (this.highs.length === 0) return this.next(high, low, close);
    checkBar(high, low, close);
    this.highs.replaceLatest(high);
    this.negLows.replaceLatest(-low);
    if (this.highs.length < this.highs.period) return Number.NaN;
    // Each smoothing stage was fed on the latest bar exactly when the stage before it had a value.
    const raw = this.rawK(close);
    const k = this.smooth ? this.kSma.replaceNext(raw) : raw;
    if (Number.isNaN(k)) return Number.NaN;
    return this.emit(k, this.dSma.replaceNext(k));
  }

  /** %K; NaN until warm. */
  get k(): number {
    return this.out.k;
  }

  /** %D = SMA(dPeriod) of %K; NaN until warm. */
  get d(): number {
    return this.out.d;
  }

  get value(): StochasticValue | undefined {
    return this.dSma.isReady ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.dSma.isReady;
  }

  reset(): void {
    this.highs.reset();
    this.negLows.reset();
    this.kSma.reset();
    this.dSma.reset();
    this.out.k = this.out.d = Number.NaN;
  }

  private rawK(close: number): number {
    const hh = this.highs.max;
    const ll = -this.negLows.max;
    const range = hh - ll;
    return range > 0 ? (100 * (close - ll)) / range : 50;
  }

  private emit(k: number, d: number): number {
    if (Number.isNaN(d)) return Number.NaN;
    this.out.k = k;
    this.out.d = d;
    return k;
  }
}
