import { assert } from '../../util/assert';
import { CLOSED_TRADES_KEPT_MAX } from '../core/config';
import { toExact } from './exact-number';

/** A closed trade as plain data (snapshots). */
export type ClosedTrade = { readonly timeMs: number; readonly pnlMinor: bigint; readonly stopOut: boolean };

const MIN_CAPACITY = 16;
// The ring indexes with a mask: both bounds must be powers of two.
assert(
  (CLOSED_TRADES_KEPT_MAX & (CLOSED_TRADES_KEPT_MAX - 1)) === 0 && CLOSED_TRADES_KEPT_MAX >= MIN_CAPACITY,
  'ring bound',
);

/**
 * An account's last `CLOSED_TRADES_KEPT_MAX` closed trades (reducing fills, PnL net of fees), oldest
 * first, for the protections. A ring of typed arrays: a close stores three numbers and allocates
 * nothing (an object and a bigint per close, kept for 1,024 closes, were old-generation garbage
 * for the collector on every trading account). PnL is an exact double while it is a safe integer,
 * else NaN with the bigint aside.
 */
export class ClosedTrades {
  private times = new Float64Array(MIN_CAPACITY);
  private pnls = new Float64Array(MIN_CAPACITY);
  private stops = new Uint8Array(MIN_CAPACITY);
  /** PnL beyond 2^53 by ring position. */
  private readonly bigs = new Map<number, bigint>();
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Appends a close (PnL as an exact double, or NaN and `pnlBig`); the oldest goes beyond the bound. */
  push(timeMs: number, pnlNum: number, pnlBig: bigint, stopOut: boolean): void {
    if (this.count === this.times.length && this.count < CLOSED_TRADES_KEPT_MAX) this.grow();
    let at: number;
    if (this.count === this.times.length) {
      at = this.head;
      this.head = (this.head + 1) & (this.times.length - 1);
    } else {
      at = (this.head + this.count) & (this.times.length - 1);
      this.count++;
    }
    this.times[at] = timeMs;
    this.pnls[at] = pnlNum;
    this.stops[at] = stopOut ? 1 : 0;
    if (Number.isNaN(pnlNum)) this.bigs.set(at, pnlBig);
    else if (this.bigs.size > 0) this.bigs.delete(at);
  }

  private at(k: number): number {
    if (!(k >= 0 && k < this.count)) assert(false, 'closed trade index out of range');
    return (this.head + k) & (this.times.length - 1);
  }

  /** The k-th kept close, oldest first. */
  timeMs(k: number): number {
    return this.times[this.at(k)] as number;
  }
  pnlMinor(k: number): bigint {
    const i = this.at(k);
    const v = this.pnls[i] as number;
    return Number.isNaN(v) ? (this.bigs.get(i) as bigint) : BigInt(v);
  }
  stopOut(k: number): boolean {
    return this.stops[this.at(k)] === 1;
  }

  /** Plain copies, oldest first (snapshots). */
  toArray(): ClosedTrade[] {
    const out: ClosedTrade[] = [];
    for (let k = 0; k < this.count; k++)
      out.push({ timeMs: this.timeMs(k), pnlMinor: this.pnlMinor(k), stopOut: this.stopOut(k) });
    return out;
  }

  /** Rebuilt from plain copies, oldest first (restore). */
  static from(list: readonly ClosedTrade[]): ClosedTrades {
    const c = new ClosedTrades();
    for (const t of list) c.push(t.timeMs, toExact(t.pnlMinor), t.pnlMinor, t.stopOut);
    return c;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const pnls = new Float64Array(n);
    const stops = new Uint8Array(n);
    const moved = new Map<number, bigint>();
    for (let k = 0; k < this.count; k++) {
      const i = this.at(k);
      times[k] = this.times[i] as number;
      pnls[k] = this.pnls[i] as number;
      stops[k] = this.stops[i] as number;
      if (Number.isNaN(pnls[k])) moved.set(k, this.bigs.get(i) as bigint);
    }
    this.times = times;
    this.pnls = pnls;
    this.stops = stops;
    this.bigs.clear();
    for (const [k, v] of moved) this.bigs.set(k, v);
    this.head = 0;
  }
}
