import { checkBar, checkPeriod, checkVolume } from './errors';
import type { StreamingIndicator } from './types';

/**
 * Volume-weighted average price of bars, with the typical price tp = (high + low + close) / 3 as
 * each bar's price: VWAP = Σ tp·volume / Σ volume.
 *
 * Two modes, chosen at construction:
 * * session (default): the sums run from the start of the session. The indicator has no clock
 *   (indicators are deterministic and never read the time), so the caller starts each session with
 *   `startSession()` at its boundary (e.g. the first bar of a UTC day for a 24/7 market, the open
 *   for an exchange session);
 * * rolling (`{ window: n }`): the sums cover the last n bars (ring buffers, O(1) per update).
 * The value is `undefined` while the session or window holds no volume at all (there is no traded
 * price to average); a rolling VWAP can therefore become not-ready again after n empty bars.
 */
export class Vwap implements StreamingIndicator<[high: number, low: number, close: number, volume: number], number> {
  /** Bars in the rolling window, or 0 for a session VWAP. */
  readonly window: number;
  readonly warmUp = 1;
  private readonly ringPv: Float64Array;
  private readonly ringV: Float64Array;
  private pos = -1;
  private count = 0;
  private pv = 0;
  private v = 0;
  private lastPv = 0;
  private lastV = 0;
  // Bars with volume > 0 in the session/window: when it drops to 0 the sums are reset to exact
  // zeros, so rounding left by subtracting fractional volumes never yields a bogus price.
  private traded = 0;

  constructor(options: { window?: number } = {}) {
    this.window = options.window === undefined ? 0 : checkPeriod('window', options.window);
    this.ringPv = new Float64Array(this.window);
    this.ringV = new Float64Array(this.window);
  }

  update(high: number, low: number, close: number, volume: number): number | undefined {
    const v = this.next(high, low, close, volume);
    return this.traded > 0 ? v : undefined;
  }

  /** `update` with NaN instead of `undefined` while there is no volume: a plain double, never boxed. */
  next(high: number, low: number, close: number, volume: number): number {
    const pv = this.check(high, low, close, volume);
    if (this.window > 0) this.slide(pv, volume);
    // Sums kept in locals and stored once: the running sums are the chain from one bar to the next.
    const sumPv = this.pv + pv;
    const sumV = this.v + volume;
    this.pv = sumPv;
    this.v = sumV;
    this.traded += +(volume > 0);
    this.lastPv = pv;
    this.lastV = volume;
    this.count++;
    return this.traded > 0 ? sumPv / sumV : this.settle();
  }

  /** Rolling mode: takes the bar leaving the window out of the sums and stores the new one. */
  private slide(pv: number, volume: number): void {
    const n = this.window;
    let p = this.pos + 1;
    if (p === n) p = 0;
    this.pos = p;
    if (this.count >= n) {
      const leaving = this.ringV[p] as number;
      this.pv -= this.ringPv[p] as number;
      this.v -= leaving;
      if (leaving > 0) this.traded--;
    }
    this.ringPv[p] = pv;
    this.ringV[p] = volume;
  }

  replace(high: number, low: number, close: number, volume: number): number | undefined {
    const v = this.replaceNext(high, low, close, volume);
    return this.traded > 0 ? v : undefined;
  }

  /** `replace` with NaN while there is no volume (see `next`). */
  replaceNext(high: number, low: number, close: number, volume: number): number {
    if (this.count === 0) return this.next(high, low, close, volume);
    const pv = this.check(high, low, close, volume);
    this.pv += pv - this.lastPv;
    this.v += volume - this.lastV;
    this.traded += (volume > 0 ? 1 : 0) - (this.lastV > 0 ? 1 : 0);
    if (this.window > 0) {
      this.ringPv[this.pos] = pv;
      this.ringV[this.pos] = volume;
    }
    this.lastPv = pv;
    this.lastV = volume;
    return this.settle();
  }

  get value(): number | undefined {
    return this.traded > 0 ? this.pv / this.v : undefined;
  }

  get isReady(): boolean {
    return this.traded > 0;
  }

  /** Starts a new session: the next bar is the first one averaged. Same as `reset()`. */
  startSession(): void {
    this.reset();
  }

  reset(): void {
    this.pos = -1;
    this.count = 0;
    this.pv = 0;
    this.v = 0;
    this.lastPv = 0;
    this.lastV = 0;
    this.traded = 0;
  }

  private settle(): number {
    if (this.traded > 0) return this.pv / this.v;
    this.pv = 0;
    this.v = 0;
    return Number.NaN;
  }

  private check(high: number, low: number, close: number, volume: number): number {
    checkBar(high, low, close);
    checkVolume(volume);
    return ((high + low + close) / 3) * volume;
  }
}
