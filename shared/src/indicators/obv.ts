import { refuseCloseVolume } from './errors';
import type { StreamingIndicator } from './types';

/**
 * On-Balance Volume (Joseph Granville), as in the StockCharts ChartSchool example: a running total
 * that adds the bar's volume when the close is above the previous close, subtracts it when below,
 * and is unchanged when equal. It starts at 0 on the first bar, so there is no warm-up. Volumes of
 * whole units sum exactly up to 2^53.
 */
export class Obv implements StreamingIndicator<[close: number, volume: number], number> {
  readonly warmUp = 1;
  // Committed state (after the bar before the latest) and current state (the latest bar included).
  // The closes are NaN when there is no such bar: inputs are finite, so NaN means "none".
  // Declared with doubles (NaN), so V8 gives every field a double representation, stored in
  // place; reset() sets the starting values.
  private cClose = Number.NaN;
  private cObv = Number.NaN;
  private close = Number.NaN;
  private obv = Number.NaN;

  constructor() {
    this.reset();
  }

  update(close: number, volume: number): number | undefined {
    return this.next(close, volume);
  }

  /**
   * `update` as a plain double (OBV has a value from the first bar, so never NaN).
   * No bar counter: the first bar meets a NaN previous close, and `d > 0`, `d < 0` are both false
   * for NaN, so its step is 0 like that of an unchanged close. The running total is read once, into
   * a local: the chain from one bar to the next is one load, one add and one store (reading it back
   * from the committed field just written made it two store-to-load round trips, ~20 cycles).
   */
  next(close: number, volume: number): number {
    // 0 for finite inputs, NaN otherwise; `NaN <= v` is false, `0 <= v` refuses negative volumes.
    if (!(close - close + (volume - volume) <= volume)) refuseCloseVolume(close, volume);
    const prevClose = this.close;
    const prevObv = this.obv;
    this.cClose = prevClose;
    this.cObv = prevObv;
    return this.apply(close, volume, prevClose, prevObv);
  }

  replace(close: number, volume: number): number | undefined {
    return this.replaceNext(close, volume);
  }

  /**
   * `replace` as a plain double (see `next`). On an empty indicator the committed fields hold what
   * `next` would commit (NaN, 0), so this is `next` there without a special case.
   */
  replaceNext(close: number, volume: number): number {
    if (!(close - close + (volume - volume) <= volume)) refuseCloseVolume(close, volume);
    return this.apply(close, volume, this.cClose, this.cObv);
  }

  get value(): number | undefined {
    return this.isReady ? this.obv : undefined;
  }

  get isReady(): boolean {
    return !Number.isNaN(this.close);
  }

  reset(): void {
    this.cClose = Number.NaN;
    this.cObv = 0;
    this.close = Number.NaN;
    this.obv = 0;
  }

  private apply(close: number, volume: number, prevClose: number, prevObv: number): number {
    // +1, −1 or 0 from two comparisons turned into numbers: V8 compiles this without a branch,
    // where Math.sign or a ternary branches on the direction, which is a coin toss on real prices
    // (a mispredicted branch per bar made OBV 2.5× slower). Bit-identical to Math.sign here: OBV
    // starts at +0 and never reaches −0, so the sign of a zero step cannot show.
    const d = close - prevClose;
    const obv = prevObv + (+(d > 0) - +(d < 0)) * volume;
    this.close = close;
    this.obv = obv;
    return obv;
  }
}
