import { checkFinite, checkPeriod } from './errors';
import type { StreamingIndicator } from './types';

/**
 * Simple moving average: the mean of the last `period` inputs. First value after `period` inputs.
 * O(1) per update: a ring of the window and a running sum (add the new input, subtract the one
 * that leaves). The sum carries floating-point rounding from every step; over 10^6 inputs of
 * magnitude 100 that stays far below 1e-9 relative, which is all a chart or a signal needs.
 */
export class Sma implements StreamingIndicator<[value: number], number> {
  readonly period: number;
  readonly warmUp: number;
  private readonly ring: Float64Array;
  private pos = -1;
  private count = 0;
  private sum = 0;
  private out = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmUp = period;
    this.ring = new Float64Array(period);
  }

  update(value: number): number | undefined {
    const v = this.next(value);
    return this.count >= this.period ? v : undefined;
  }

  /**
   * `update`, but NaN instead of `undefined` before the first value: a plain double, so an
   * indicator built on this one (Stochastic) or a hot loop allocates nothing per update.
   */
  next(value: number): number {
    checkFinite('value', value);
    return this.nextFinite(value);
  }

  /**
   * `next` without the input check, for an indicator that feeds this one values it computed from
   * checked inputs (the Stochastic's %D): a smaller inlined update (see `checkBar`).
   * @internal
   */
  nextFinite(value: number): number {
    let p = this.pos + 1;
    if (p === this.period) p = 0;
    this.pos = p;
    const leaving = this.count >= this.period ? (this.ring[p] as number) : 0;
    this.ring[p] = value;
    this.sum += value - leaving;
    this.count++;
    return this.emit();
  }

  /** `replace` with NaN before the first value (see `next`). */
  replaceNext(value: number): number {
    if (this.count === 0) return this.next(value);
    checkFinite('value', value);
    this.sum += value - (this.ring[this.pos] as number);
    this.ring[this.pos] = value;
    return this.emit();
  }

  replace(value: number): number | undefined {
    const v = this.replaceNext(value);
    return this.count >= this.period ? v : undefined;
  }

  get value(): number | undefined {
    return this.count >= this.period ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.count >= this.period;
  }

  reset(): void {
    this.pos = -1;
    this.count = 0;
    this.sum = 0;
    this.out = Number.NaN;
  }

  private emit(): number {
    if (this.count < this.period) return Number.NaN;
    this.out = this.sum / this.period;
    return this.out;
  }
}
