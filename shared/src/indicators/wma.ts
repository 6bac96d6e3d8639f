import { checkFinite, checkPeriod } from './errors';
import type { StreamingIndicator } from './types';

/**
 * Linearly weighted moving average: weights 1 (oldest) … n (newest) over the last n = `period`
 * inputs, divided by n(n+1)/2. First value after `period` inputs. O(1) per update with a running
 * sum S and a running weighted sum W: when x enters and the oldest leaves, every remaining weight
 * drops by one, so W' = W − S + n·x and S' = S − oldest + x (S taken before the update).
 */
export class Wma implements StreamingIndicator<[value: number], number> {
  readonly period: number;
  readonly warmUp: number;
  private readonly ring: Float64Array;
  private readonly weightSum: number;
  private pos = -1;
  private count = 0;
  private sum = 0;
  private weighted = 0;
  private out = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmUp = period;
    this.ring = new Float64Array(period);
    this.weightSum = (period * (period + 1)) / 2;
  }

  update(value: number): number | undefined {
    const v = this.next(value);
    return this.count >= this.period ? v : undefined;
  }

  /** `update` with NaN instead of `undefined` during warm-up: a plain double, never boxed. */
  next(value: number): number {
    checkFinite('value', value);
    const n = this.period;
    let p = this.pos + 1;
    if (p === n) p = 0;
    this.pos = p;
    if (this.count >= n) {
      this.weighted += n * value - this.sum;
      this.sum += value - (this.ring[p] as number);
    } else {
      // Warm-up: the k-th input (1-based) takes weight k; at k = n this is the full window.
      this.weighted += (this.count + 1) * value;
      this.sum += value;
    }
    this.ring[p] = value;
    this.count++;
    return this.emit();
  }

  replace(value: number): number | undefined {
    const v = this.replaceNext(value);
    return this.count >= this.period ? v : undefined;
  }

  /** `replace` with NaN during warm-up (see `next`). */
  replaceNext(value: number): number {
    if (this.count === 0) return this.next(value);
    checkFinite('value', value);
    const delta = value - (this.ring[this.pos] as number);
    // The newest input has weight min(count, n).
    this.weighted += Math.min(this.count, this.period) * delta;
    this.sum += delta;
    this.ring[this.pos] = value;
    return this.emit();
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
    this.weighted = 0;
    this.out = Number.NaN;
  }

  private emit(): number {
    if (this.count < this.period) return Number.NaN;
    this.out = this.weighted / this.weightSum;
    return this.out;
  }
}
