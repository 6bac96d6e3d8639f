import { trueRange } from './atr';
import { checkFinite, checkPeriod } from './errors';
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
  private adx = 0;

  constructor(period = 14) {
    this.period = checkPeriod('period', period);
    this.warmUp = 2 * period;
    this.share = 1 / period;
    this.keep = (period - 1) / period;
  }

  update(high: number, low: number, close: number): AdxValue | undefined {
    checkFinite('high', high);
    checkFinite('low', low);
    checkFinite('close', close);
    if (this.count > 0) this.commit();
    this.count++;
    return this.apply(high, low, close);
  }

  replace(high: number, low: number, close: number): AdxValue | undefined {
    if (this.count === 0) return this.update(high, low, close);
    checkFinite('high', high);
    checkFinite('low', low);
    checkFinite('close', close);
    return this.apply(high, low, close);
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
    this.tr = this.pdm = this.mdm = this.adx = 0;
  }

  private commit(): void {
    this.cHigh = this.high;
    this.cLow = this.low;
    this.cClose = this.close;
    this.cTr = this.tr;
    this.cPdm = this.pdm;
    this.cMdm = this.mdm;
    this.cAdx = this.adx;
  }

  private apply(high: number, low: number, close: number): AdxValue | undefined {
    this.high = high;
    this.low = low;
    this.close = close;
    const moves = this.count - 1;
    if (moves === 0) return undefined;
    const n = this.period;
    const up = high - this.cHigh;
    const down = this.cLow - low;
    const tr = trueRange(high, low, this.cClose);
    const pdm = up > down && up > 0 ? up : 0;
    const mdm = down > up && down > 0 ? down : 0;
    if (moves < n) {
      this.tr = this.cTr + tr;
      this.pdm = this.cPdm + pdm;
      this.mdm = this.cMdm + mdm;
      return undefined;
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
  private directional(dxCount: number): AdxValue | undefined {
    const n = this.period;
    const plusDi = this.tr > 0 ? (100 * this.pdm) / this.tr : 0;
    const minusDi = this.tr > 0 ? (100 * this.mdm) / this.tr : 0;
    const diSum = plusDi + minusDi;
    const dx = diSum > 0 ? (100 * Math.abs(plusDi - minusDi)) / diSum : 0;
    if (dxCount < n) {
      this.adx = this.cAdx + dx;
      return undefined;
    }
    this.adx = dxCount === n ? (this.cAdx + dx) / n : this.cAdx * this.keep + dx * this.share;
    const out = this.out;
    out.adx = this.adx;
    out.plusDi = plusDi;
    out.minusDi = minusDi;
    return out;
  }
}
