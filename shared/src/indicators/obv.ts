import { checkFinite, checkVolume } from './errors';
import type { StreamingIndicator } from './types';

/**
 * On-Balance Volume (Joseph Granville), as in the StockCharts ChartSchool example: a running total
 * that adds the bar's volume when the close is above the previous close, subtracts it when below,
 * and is unchanged when equal. It starts at 0 on the first bar, so there is no warm-up. Volumes of
 * whole units sum exactly up to 2^53.
 */
export class Obv implements StreamingIndicator<[close: number, volume: number], number> {
  readonly warmUp = 1;
  private count = 0;
  private close = 0;
  private cClose = 0;
  private cObv = 0;
  private obv = 0;

  update(close: number, volume: number): number | undefined {
    return this.next(close, volume);
  }

  /** `update` as a plain double (OBV has a value from the first bar, so never NaN). */
  next(close: number, volume: number): number {
    checkFinite('close', close);
    checkVolume(volume);
    if (this.count > 0) {
      this.cClose = this.close;
      this.cObv = this.obv;
    }
    this.count++;
    return this.apply(close, volume);
  }

  replace(close: number, volume: number): number | undefined {
    return this.replaceNext(close, volume);
  }

  /** `replace` as a plain double (see `next`). */
  replaceNext(close: number, volume: number): number {
    if (this.count === 0) return this.next(close, volume);
    checkFinite('close', close);
    checkVolume(volume);
    return this.apply(close, volume);
  }

  get value(): number | undefined {
    return this.count > 0 ? this.obv : undefined;
  }

  get isReady(): boolean {
    return this.count > 0;
  }

  reset(): void {
    this.count = 0;
    this.close = 0;
    this.cClose = 0;
    this.cObv = 0;
    this.obv = 0;
  }

  private apply(close: number, volume: number): number {
    this.close = close;
    // Math.sign keeps the up/down/flat choice free of unpredictable branches.
    this.obv = this.count === 1 ? 0 : this.cObv + Math.sign(close - this.cClose) * volume;
    return this.obv;
  }
}
