import { checkFinite, checkVolume } from './errors';
import type { StreamingIndicator } from './types';

/**
 * On-Balance Volume (Joseph Granville), as in the StockCharts ChartSchool example: a running total
 * that adds the bar's volume when the close is above the previous close, subtracts it when below,
 * and is unchanged when equal. It starts at 0 on the first bar, so there is no warm-up. Volumes of
 * whole units sum exactly up to 2^53.
 */
// Slots of the typed state. V8 keeps a double-valued object field in a separate heap box (one
// more load per read, a check per write); a Float64Array holds raw doubles in place.
const CLOSE = 0; // the latest close
const C_CLOSE = 1; // committed: the close before it
const C_OBV = 2; // committed: OBV after the bar before the latest
const OBV = 3; // OBV including the latest bar

export class Obv implements StreamingIndicator<[close: number, volume: number], number> {
  readonly warmUp = 1;
  private count = 0;
  private readonly st = new Float64Array(4);

  update(close: number, volume: number): number | undefined {
    return this.next(close, volume);
  }

  /** `update` as a plain double (OBV has a value from the first bar, so never NaN). */
  next(close: number, volume: number): number {
    checkFinite('close', close);
    checkVolume(volume);
    const st = this.st;
    if (this.count++ === 0) {
      st[CLOSE] = close;
      return 0;
    }
    st[C_CLOSE] = st[CLOSE] as number;
    st[C_OBV] = st[OBV] as number;
    return this.apply(close, volume);
  }

  replace(close: number, volume: number): number | undefined {
    return this.replaceNext(close, volume);
  }

  /** `replace` as a plain double (see `next`). */
  replaceNext(close: number, volume: number): number {
    checkFinite('close', close);
    checkVolume(volume);
    if (this.count <= 1) {
      this.count = 0;
      return this.next(close, volume);
    }
    return this.apply(close, volume);
  }

  get value(): number | undefined {
    return this.count > 0 ? this.st[OBV] : undefined;
  }

  get isReady(): boolean {
    return this.count > 0;
  }

  reset(): void {
    this.count = 0;
    this.st.fill(0);
  }

  private apply(close: number, volume: number): number {
    const st = this.st;
    // +1, −1 or 0 from two comparisons turned into numbers: V8 compiles this without a branch,
    // where Math.sign or a ternary branches on the direction, which is a coin toss on real prices
    // (a mispredicted branch per bar made OBV 2.5× slower). Bit-identical to Math.sign here: OBV
    // starts at +0 and never reaches −0, so the sign of a zero step cannot show.
    const d = close - (st[C_CLOSE] as number);
    const obv = (st[C_OBV] as number) + (+(d > 0) - +(d < 0)) * volume;
    st[CLOSE] = close;
    st[OBV] = obv;
    return obv;
  }
}
