import { checkBarVolume, checkPeriod } from './errors';
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
 * * rolling (`{ window: n }`): the sums cover the last n bars (ring buffers, O(1) per update on average; added up afresh from the ring when a leaving bar outweighs the rest, so a huge volume leaves no rounding behind).
 * The value is `undefined` while the session or window holds no volume at all (there is no traded
 * price to average); a rolling VWAP can therefore become not-ready again after n empty bars.
 *
 * The sums are kept twice: committed (every bar but the latest) and current (committed + the
 * latest bar). `replace` recomputes current from committed, so `update(a); replace(b)` gives
 * exactly the sums of `update(b)`, with no rounding left over from taking `a` back out.
 */
/** A leaving bar more than this many times what stays triggers a fresh sum: at most ~3 of 16 digits lost. */
const RESUM_RATIO = 1024;

export class Vwap implements StreamingIndicator<[high: number, low: number, close: number, volume: number], number> {
  /** Bars in the rolling window, or 0 for a session VWAP. */
  readonly window: number = 0;
  readonly warmUp = 1;
  private readonly ringPv: Float64Array;
  private readonly ringV: Float64Array;
  // Rolling mode only: the ring's latest slot and the bars seen, up to `window`.
  private pos = -1;
  private count = 0;
  // Committed sums, and current sums (the latest bar included). Declared with a double (NaN) so
  // that V8 gives them a double representation from the start (stored in place, never a new heap
  // number per update); reset() sets the starting zeros.
  private cPv = Number.NaN;
  private cV = Number.NaN;
  private pv = Number.NaN;
  private v = Number.NaN;
  // Rolling mode only: bars with volume > 0, committed and current. When none is left in the
  // window the sums are set to exact zeros, so rounding left by subtracting fractional volumes
  // never yields a bogus price. A session's volume sum only grows, so there `v > 0` says it.
  private cTraded = 0;
  private traded = 0;

  constructor(options: { window?: number } = {}) {
    this.window = options.window === undefined ? 0 : checkPeriod('window', options.window);
    this.ringPv = new Float64Array(this.window);
    this.ringV = new Float64Array(this.window);
    this.reset();
  }

  update(high: number, low: number, close: number, volume: number): number | undefined {
    const v = this.next(high, low, close, volume);
    return this.isReady ? v : undefined;
  }

  /** `update` with NaN instead of `undefined` while there is no volume: a plain double, never boxed. */
  next(high: number, low: number, close: number, volume: number): number {
    const pv = this.barPv(high, low, close, volume);
    if (this.window > 0) return this.nextRolling(pv, volume);
    // Locals, each sum loaded once and stored once: the sums are the chain from one bar to the next.
    const basePv = this.pv;
    const baseV = this.v;
    this.cPv = basePv;
    this.cV = baseV;
    return this.settle(basePv + pv, baseV + volume);
  }

  replace(high: number, low: number, close: number, volume: number): number | undefined {
    const v = this.replaceNext(high, low, close, volume);
    return this.isReady ? v : undefined;
  }

  /**
   * `replace` with NaN while there is no volume (see `next`). On an empty indicator the committed
   * sums are zeros, what `next` would commit, so only the rolling ring needs `next` there.
   */
  replaceNext(high: number, low: number, close: number, volume: number): number {
    const pv = this.barPv(high, low, close, volume);
    if (this.window === 0) return this.settle(this.cPv + pv, this.cV + volume);
    if (this.count === 0) return this.nextRolling(pv, volume);
    this.ringPv[this.pos] = pv;
    this.ringV[this.pos] = volume;
    this.traded = this.cTraded + +(volume > 0);
    return this.settleRolling(this.cPv + pv, this.cV + volume);
  }

  get value(): number | undefined {
    return this.isReady ? this.pv / this.v : undefined;
  }

  get isReady(): boolean {
    return this.window > 0 ? this.traded > 0 : this.v > 0;
  }

  /** Starts a new session: the next bar is the first one averaged. Same as `reset()`. */
  startSession(): void {
    this.reset();
  }

  reset(): void {
    this.pos = -1;
    this.count = 0;
    this.cPv = 0;
    this.cV = 0;
    this.pv = 0;
    this.v = 0;
    this.cTraded = 0;
    this.traded = 0;
  }

  /**
   * The bar's tp·volume, after checking its inputs. The product is finite only if all four inputs
   * are (NaN and ±Infinity carry through + / ×, and 0 × ±Infinity is NaN), so `pv − pv` is 0 or
   * NaN, and `0 <= volume` refuses a negative volume: one test per bar. Only when it fails does the
   * precise check run, which names the bad input (or passes finite inputs whose product
   * overflowed, as before).
   */
  private barPv(high: number, low: number, close: number, volume: number): number {
    const pv = ((high + low + close) / 3) * volume;
    if (!(pv - pv <= volume)) checkBarVolume(high, low, close, volume);
    return pv;
  }

  /**
   * Session mode: stores the current sums; VWAP, or NaN while the session has no volume. No test
   * needed: with no volume every tp·volume was ±0 and a sum from +0 of zeros is +0, so the quotient
   * is 0/0 = NaN by itself.
   */
  private settle(sumPv: number, sumV: number): number {
    this.pv = sumPv;
    this.v = sumV;
    return sumPv / sumV;
  }

  /** Rolling mode: the bar leaving the window comes out of the committed sums, the new one goes in. */
  private nextRolling(pv: number, volume: number): number {
    const n = this.window;
    let p = this.pos + 1;
    if (p === n) p = 0;
    this.pos = p;
    let basePv = this.pv;
    let baseV = this.v;
    let baseTraded = this.traded;
    if (this.count === n) {
      const leaving = this.ringV[p] as number;
      const leavingPv = this.ringPv[p] as number;
      basePv -= leavingPv;
      baseV -= leaving;
      if (leaving > 0) baseTraded--;
      // Subtracting the leaving bar keeps the rounding of every bar the sums ever held: a huge
      // volume gone from the window would still skew the mean of the small ones after it. So the
      // sums are added up afresh from the ring when the leaving bar outweighed what stays (the
      // cancellation that loses digits), and once a window against slow drift: O(window) then,
      // O(1) per bar on average.
      if (p === 0 || leaving > baseV * RESUM_RATIO || Math.abs(leavingPv) > Math.abs(basePv) * RESUM_RATIO)
        [basePv, baseV] = this.ringSumsWithout(p);
    } else {
      this.count++;
    }
    this.cPv = basePv;
    this.cV = baseV;
    this.cTraded = baseTraded;
    this.ringPv[p] = pv;
    this.ringV[p] = volume;
    this.traded = baseTraded + +(volume > 0);
    return this.settleRolling(basePv + pv, baseV + volume);
  }

  /** The ring's sums over every slot but `skip`, in slot order. */
  private ringSumsWithout(skip: number): [number, number] {
    let sumPv = 0;
    let sumV = 0;
    for (let j = 0; j < this.window; j++) {
      if (j === skip) continue;
      sumPv += this.ringPv[j] as number;
      sumV += this.ringV[j] as number;
    }
    return [sumPv, sumV];
  }

  private settleRolling(sumPv: number, sumV: number): number {
    if (this.traded > 0) {
      this.pv = sumPv;
      this.v = sumV;
      return sumPv / sumV;
    }
    this.pv = 0;
    this.v = 0;
    return Number.NaN;
  }
}
