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
  private readonly fast: Ema;
  private readonly slow: Ema;
  private readonly signal: Ema;
  private readonly out: MutableMacd = { macd: Number.NaN, signal: Number.NaN, histogram: Number.NaN };

  constructor(fast = 12, slow = 26, signal = 9) {
    this.fast = new Ema(fast);
    this.slow = new Ema(slow);
    this.signal = new Ema(signal);
    if (fast >= slow) throw new IndicatorParamError('fast', fast, `below slow (${slow})`);
    this.warmUp = slow + signal - 1;
  }

  // The EMAs' `next` (NaN before their first value) keeps every intermediate a raw double: no
  // allocation per update, where `number | undefined` results would each be boxed.
  update(close: number): MacdValue | undefined {
    // The slow EMA validates the input before anything changes.
    const s = this.slow.next(close);
    const f = this.fast.next(close);
    if (Number.isNaN(s)) return undefined;
    const line = f - s;
    return this.emit(line, this.signal.next(line));
  }

  replace(close: number): MacdValue | undefined {
    const s = this.slow.replaceNext(close);
    const f = this.fast.replaceNext(close);
    if (Number.isNaN(s)) return undefined;
    const line = f - s;
    // The signal EMA was fed on the latest bar exactly when the slow EMA was ready on it.
    return this.emit(line, this.signal.replaceNext(line));
  }

  get value(): MacdValue | undefined {
    return this.signal.isReady ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.signal.isReady;
  }

  reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.signal.reset();
    this.out.macd = this.out.signal = this.out.histogram = Number.NaN;
  }

  private emit(line: number, signal: number): MacdValue | undefined {
    if (Number.isNaN(signal)) return undefined;
    const out = this.out;
    out.macd = line;
    out.signal = signal;
    out.histogram = line - signal;
    return out;
  }
}
