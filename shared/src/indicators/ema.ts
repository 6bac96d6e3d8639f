import { checkPeriod, refuseInput } from './errors';
import type { StreamingIndicator } from './types';

/**
 * Exponential moving average with α = 2 / (period + 1), seeded with the SMA of the first `period`
 * inputs (the StockCharts convention), so the first value comes after `period` inputs:
 *   EMA_t = α · x_t + (1 − α) · EMA_{t−1}.
 * Written this way (not EMA_{t−1} + α · (x_t − EMA_{t−1})) because only one multiply and one add
 * depend on the previous value: the chain from one update to the next is a third shorter.
 * `replace` recomputes the latest step from the EMA before it (kept as `prev`), or during the seed
 * the sum from the sum before it (`cSeedSum`): `update(a); replace(b)` is `update(b)` bit for bit.
 */
export class Ema implements StreamingIndicator<[value: number], number> {
  readonly period: number;
  readonly warmUp: number;
  // Fields read by the update are initialised with doubles: a field declared without an initialiser
  // is first defined as `undefined` (ES2022 class fields), which makes V8 give it a tagged
  // representation, read with a Smi-or-HeapNumber check on every update.
  private readonly alpha: number = Number.NaN;
  /** 1 − α. */
  private readonly keep: number = Number.NaN;
  // Inputs seen while seeding; once `ready`, the update path touches only prev/out (a hot path:
  // charts and strategies run many EMAs).
  private count = 0;
  /** 1 once seeded, else 0: a Smi, one compare (a boolean field is tested as "any value"). */
  private ready = 0;
  /** The seed sum before the latest input: `replace` adds the new input to it. */
  private cSeedSum = 0;
  private seedSum = 0;
  private prev = Number.NaN;
  private out = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.warmUp = period;
    this.alpha = 2 / (period + 1);
    this.keep = 1 - this.alpha;
  }

  update(value: number): number | undefined {
    const v = this.next(value);
    return this.ready === 1 ? v : undefined;
  }

  /**
   * `update`, but NaN instead of `undefined` before the first value. A plain double: JavaScript
   * cannot keep `number | undefined` unboxed, so an indicator built on this one (MACD) or a hot
   * loop that calls this allocates nothing per update.
   */
  next(value: number): number {
    // `x − x` is 0 for every finite number, NaN for NaN and ±Infinity (inline: see refuseInput).
    if (value - value !== 0) refuseInput('value', value);
    if (this.ready === 1) {
      const prev = this.out;
      this.prev = prev;
      const out = this.alpha * value + this.keep * prev;
      this.out = out;
      return out;
    }
    // `cSeedSum` is needed only while seeding; afterwards `prev` suffices.
    this.count++;
    this.cSeedSum = this.seedSum;
    this.seedSum = this.cSeedSum + value;
    return this.seed();
  }

  replace(value: number): number | undefined {
    const v = this.replaceNext(value);
    return this.ready === 1 ? v : undefined;
  }

  /** `replace` with NaN before the first value (see `next`). */
  replaceNext(value: number): number {
    if (this.count === 0) return this.next(value);
    if (value - value !== 0) refuseInput('value', value);
    if (this.ready === 1 && !Number.isNaN(this.prev)) {
      this.out = this.alpha * value + this.keep * this.prev;
      return this.out;
    }
    this.seedSum = this.cSeedSum + value;
    return this.seed();
  }

  get value(): number | undefined {
    return this.ready === 1 ? this.out : undefined;
  }

  get isReady(): boolean {
    return this.ready === 1;
  }

  reset(): void {
    this.count = 0;
    this.ready = 0;
    this.cSeedSum = 0;
    this.seedSum = 0;
    this.prev = Number.NaN;
    this.out = Number.NaN;
  }

  /** The seed (SMA of the first `period` inputs) once there are enough, else NaN. */
  private seed(): number {
    if (this.count < this.period) return Number.NaN;
    this.ready = 1;
    this.out = this.seedSum / this.period;
    return this.out;
  }
}
