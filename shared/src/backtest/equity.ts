import { CURRENCY_SCALE, type Instrument, type NotionalScale, notionalMinor, notionalScaleOf } from '../domain/index';
import type { EquityPoint } from '../metrics/index';
import type { OrderTracker } from '../strategies/index';
import { assert } from '../util/index';

/**
 * The strategy account's equity: its cash balance plus each position marked at the symbol's last
 * fill-point price (a short is negative value: its sale proceeds are already in the cash).
 * Sampled after each bar time (or tick), thinned to at most `pointsMax` samples by taking every
 * k-th time, k = ⌈events ÷ pointsMax⌉, and always the last.
 */
export class EquityCurve {
  readonly points: EquityPoint[] = [];
  private readonly scales = new Map<string, NotionalScale>();
  /** The scales as doubles, where exact (num and den below 2^53): the fill path's fast case. */
  private readonly fastScales = new Map<string, { readonly num: number; readonly den: number }>();
  readonly lastTicks = new Map<string, number>();
  private readonly stride: number;
  private seen = 0;

  constructor(
    instruments: readonly Instrument[],
    private readonly tracker: OrderTracker,
    private readonly currency: string,
    eventsTotal: number,
    pointsMax: number,
  ) {
    assert(Number.isInteger(pointsMax) && pointsMax >= 2, 'equity points max ≥ 2');
    for (const i of instruments) {
      const scale = notionalScaleOf(i, CURRENCY_SCALE[i.quote] ?? 2);
      this.scales.set(i.symbol, scale);
      const num = Number(scale.num);
      const den = Number(scale.den);
      if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) this.fastScales.set(i.symbol, { num, den });
    }
    this.stride = Math.max(1, Math.ceil(eventsTotal / pointsMax));
  }

  /** The value of `qtyLots` (≥ 0) at `priceTicks`, minor units (half-even, like the engine). */
  valueMinor(symbol: string, priceTicks: number, qtyLots: number): bigint {
    const f = this.fastScales.get(symbol);
    const fast = f === undefined ? Number.NaN : valueExact(priceTicks, qtyLots, f.num, f.den);
    return Number.isNaN(fast)
      ? notionalMinor(this.scales.get(symbol) as NotionalScale, priceTicks, qtyLots, 'half-even')
      : BigInt(fast);
  }

  equityMinor(): bigint {
    let equity = this.tracker.cash.get(this.currency) ?? 0n;
    for (const [symbol, pos] of this.tracker.positions) {
      if (pos.qtyLots === 0) continue;
      const value = this.valueMinor(symbol, this.lastTicks.get(symbol) ?? 0, Math.abs(pos.qtyLots));
      equity += pos.qtyLots > 0 ? value : -value;
    }
    return equity;
  }

  /** Called once per event time; keeps every `stride`-th sample (`last`: keep anyway). */
  sample(timeMs: number, last: boolean): void {
    if (this.due(last)) this.record(timeMs);
  }

  /** Counts an event time; whether its sample is kept (the bar loop asks before passing a time). */
  due(last: boolean): boolean {
    const keep = this.seen % this.stride === 0 || last;
    this.seen++;
    return keep;
  }

  /** Records the equity at `timeMs` (a sample at the same time replaces the one before). */
  record(timeMs: number): void {
    const prev = this.points[this.points.length - 1];
    if (prev !== undefined && prev.timeMs === timeMs) this.points.pop();
    this.points.push({ timeMs, equityMinor: this.equityMinor() });
  }
}

/**
 * price × qty × num ÷ den rounded half-even, in exact doubles when every step stays below 2^53
 * (the same result as the bigint path, which is taken otherwise: NaN here).
 */
function valueExact(priceTicks: number, qtyLots: number, num: number, den: number): number {
  const x = priceTicks * qtyLots * num;
  if (!Number.isSafeInteger(x)) return Number.NaN;
  const q = Math.floor(x / den);
  const r = x - q * den;
  if (r < 0 || r >= den) return Number.NaN;
  const twice = 2 * r;
  return twice > den || (twice === den && q % 2 === 1) ? q + 1 : q;
}
