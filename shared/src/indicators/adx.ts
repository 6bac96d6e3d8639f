import { trueRange } from './atr';
import { checkBar, checkPeriod } from './errors';
import type { AdxValue, StreamingIndicator } from './types';

type MutableAdx = { -readonly [K in keyof AdxValue]: AdxValue[K] };

/**
 * Wilder's Average Directional Index with +DI and −DI ("New Concepts in Technical Trading Systems",
 * 1978; the StockCharts ChartSchool cs-adx layout). From the second bar on, with up = high − previous
 * high and down = previous low − low:
 *   +DM = up if up > down and up > 0, else 0;  −DM = down if down > up and down > 0, else 0;
 *   TR as in ATR (with the previous close).
 * TR, +DM and −DM are smoothed the Wilder way: the first value is the mean of the first n moves,
 * then (prev·(n−1) + x) / n (Wilder's running sums TR14 = TR14 − TR14/14 + TR, divided by n: the
 * ratios below are the same). Then
 *   +DI = 100 · +DM_n / TR_n,  −DI = 100 · −DM_n / TR_n  (0 when TR_n is 0),
 *   DX = 100 · |+DI − −DI| / (+DI + −DI)  (0 when both are 0),
 *   ADX = mean of the first n DX values, then (ADX·(n−1) + DX) / n.
 * DI values exist after n + 1 bars; ADX (and so `update`'s result) after 2n bars.
 */
export class Adx implements StreamingIndicator<[high: number, low: number, close: number], AdxValue> {
  readonly period: number;
  readonly warmUp: number;
  // Wilder's (prev·(n−1) + x)/n as prev·keep + x·share: multiplications instead of divisions.
  private readonly share: number;
  private readonly keep: number;
  private count = 0;
  private readonly out: MutableAdx = { adx: Number.NaN, plusDi: Number.NaN, minusDi: Number.NaN };
  // The latest bar.
  private high = 0;
  private low = 0;
  private close = 0;
  // Committed: the bar before the latest and the state after it.
  private cHigh = 0;
  private cLow = 0;
  private cClose = 0;
  private cTr = 0;
  private cPdm = 0;
  private cMdm = 0;
  private cAdx = 0;
  // Current: sums during warm-up, Wilder averages after.
  private tr = 0;
  private pdm = 0;
  private mdm = 0;
  private adxAcc = 0;

  constructor(period = 14) {
    this.period = checkPeriod('period', period);
    this.warmUp = 2 * period;
    this.share = 1 / period;
    this.keep = (period - 1) / period;
  }

  update(high: number, low: number, close: number): AdxValue | undefined {
    return Number.isNaN(this.next(high, low, close)) ? undefined : this.out;
  }

  replace(high: number, low: number, close: number): AdxValue | undefined {
    return Number.isNaN(this.replaceNext(high, low, close)) ? undefined : this.out;
  }

  /**
   * Adds a bar and returns the ADX, NaN until warm; `plusDi` and `minusDi` are then readable on
   * the indicator. A plain double: nothing allocated per update.
   */
  next(high: number, low: number, close: number): number {
    checkBar(high, low, close);
    if (this.count > 0) this.commit();
    this.count++;
    return this.apply(high, low, close);
  }

  /** `replace` as a plain double (see `next`). */
  replaceNext(high: number, low: number, close: number): number {
    if (this.count === 0) return this.next(high, low, close);
    checkBar(high, low, close);
    return this.apply(high, low, close);
  }

  /** The ADX; NaN until warm. */
  get adx(): number {
    return this.out.adx;
  }

  /** +DI; NaN until warm (the ADX's warm-up, though +DI itself exists from bar n + 1). */
  get plusDi(): number {
    return this.out.plusDi;
  }

  /** −DI; NaN until warm (as `plusDi`). */
  get minusDi(): number {
    return this.out.minusDi;
  }

  get value(): AdxValue | undefined {
    return this.isReady ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.count >= this.warmUp;
  }

  reset(): void {
    this.count = 0;
    this.out.adx = this.out.plusDi = this.out.minusDi = Number.NaN;
    this.high = this.low = this.close = 0;
    this.cHigh = this.cLow = this.cClose = 0;
    this.cTr = this.cPdm = this.cMdm = this.cAdx = 0;
    this.tr = this.pdm = this.mdm = this.adxAcc = 0;
  }

  private commit(): void {
    this.cHigh = this.high;
    this.cLow = this.low;
    this.cClose = this.close;
    this.cTr = this.tr;
    this.cPdm = this.pdm;
    this.cMdm = this.mdm;
    this.cAdx = this.adxAcc;
  }

  private apply(high: number, low: number, close: number): number {
    this.high = high;
    this.low = low;
    this.close = close;
    const moves = this.count - 1;
    if (moves === 0) return Number.NaN;
    const n = this.period;
    const up = high - this.cHigh;
    const down = this.cLow - low;
    const tr = trueRange(high, low, this.cClose);
    // The conditions as 0/1 factors: V8 compiles these without branches, where `? :` branches on
    // which way the bar moved, a coin toss on real prices. A move that does not count gives ±0, and
    // the sums and averages it enters start at +0, so no −0 can show: the same values as `? :`.
    const pdm = up * +(up > down) * +(up > 0);
    const mdm = down * +(down > up) * +(down > 0);
    if (moves < n) {
      this.tr = this.cTr + tr;
      this.pdm = this.cPdm + pdm;
      this.mdm = this.cMdm + mdm;
      return Number.NaN;
    }
    if (moves === n) {
      this.tr = (this.cTr + tr) / n;
      this.pdm = (this.cPdm + pdm) / n;
      this.mdm = (this.cMdm + mdm) / n;
    } else {
      this.tr = this.cTr * this.keep + tr * this.share;
      this.pdm = this.cPdm * this.keep + pdm * this.share;
      this.mdm = this.cMdm * this.keep + mdm * this.share;
    }
    return this.directional(moves - n + 1);
  }

  /** DI, DX and the ADX step; `dxCount` is how many DX values exist including this one. */
  private directional(dxCount: number): number {
    const n = this.period;
    const plusDi = this.tr > 0 ? (100 * this.pdm) / this.tr : 0;
    const minusDi = this.tr > 0 ? (100 * this.mdm) / this.tr : 0;
    const diSum = plusDi + minusDi;
    const dx = diSum > 0 ? (100 * Math.abs(plusDi - minusDi)) / diSum : 0;
    if (dxCount < n) {
      this.adxAcc = this.cAdx + dx;
      return Number.NaN;
    }
    const adx = dxCount === n ? (this.cAdx + dx) / n : this.cAdx * this.keep + dx * this.share;
    this.adxAcc = adx;
    const out = this.out;
    out.adx = adx;
    out.plusDi = plusDi;
    out.minusDi = minusDi;
    return adx;
  }
}
