import { Ema } from './ema';
import { IndicatorParamError } from './errors';
import type { MacdValue, StreamingIndicator } from './types';

type MutableMacd = { -readonly [K in keyof MacdValue]: MacdValue[K] };

/**
 * Moving Average Convergence/Divergence (Gerald Appel), as in the StockCharts ChartSchool example:
 *   MACD line = EMA(fast) − EMA(slow) of the closes, signal = EMA(signal) of the MACD line,
 *   histogram = line − signal. Every EMA is seeded with the SMA of its first inputs (see Ema), so
 *   the line starts after `slow` closes and the signal (and `update`'s result) after
 *   slow + signal − 1 closes. Requires fast < slow.
 */
export class Macd implements StreamingIndicator<[close: number], MacdValue> {
  readonly warmUp: number;
  private readonly fastEma: Ema;
  private readonly slowEma: Ema;
  private readonly signalEma: Ema;
  private readonly out: MutableMacd = { macd: Number.NaN, signal: Number.NaN, histogram: Number.NaN };

  constructor(fast = 12, slow = 26, signal = 9) {
    this.fastEma = new Ema(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signal);
    if (fast >= slow) throw new IndicatorParamError('fast', fast, `below slow (${slow})`);
    this.warmUp = slow + signal - 1;
  }

  /**
   * Adds a close and returns the MACD line, NaN until the signal line exists (warm); `signal` and
   * `histogram` are then readable on the indicator. A plain double: nothing allocated per update.
   */
  next(close: number): number {
    // The slow EMA validates the input before anything changes. The EMAs' `next` (NaN before their
    // first value) keeps every intermediate a raw double.
    const s = this.slowEma.next(close);
    const f = this.fastEma.next(close);
    if (Number.isNaN(s)) return Number.NaN;
    const line = f - s;
    return this.emit(line, this.signalEma.next(line));
  }

  /** `replace` as a plain double (see `next`). */
  replaceNext(close: number): number {
    const s = this.slowEma.replaceNext(close);
    const f = this.fastEma.replaceNext(close);
    if (Number.isNaN(s)) return Number.NaN;
    const line = f - s;
    // The signal EMA was fed on the latest bar exactly when the slow EMA was ready on it.
    return this.emit(line, this.signalEma.replaceNext(line));
  }

  update(close: number): MacdValue | undefined {
    return Number.isNaN(this.next(close)) ? undefined : this.out;
  }

  replace(close: number): MacdValue | undefined {
    return Number.isNaN(this.replaceNext(close)) ? undefined : this.out;
  }

  /** The MACD line; NaN until warm. */
  get macd(): number {
    return this.out.macd;
  }

  /** The signal line; NaN until warm. */
  get signal(): number {
    return this.out.signal;
  }

  /** Line − signal; NaN until warm. */
  get histogram(): number {
    return this.out.histogram;
  }

  get value(): MacdValue | undefined {
    return this.signalEma.isReady ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.signalEma.isReady;
  }

  reset(): void {
    this.fastEma.reset();
    this.slowEma.reset();
    this.signalEma.reset();
    this.out.macd = this.out.signal = this.out.histogram = Number.NaN;
  }

  private emit(line: number, signal: number): number {
    if (Number.isNaN(signal)) return Number.NaN;
    const out = this.out;
    out.macd = line;
    out.signal = signal;
    out.histogram = line - signal;
    return line;
  }
}
