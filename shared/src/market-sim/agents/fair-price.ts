import { assert } from '../../util/assert';
import { Xoshiro128 } from '../prng';

/** The walk stays within [start / BAND, start × BAND] so that a long run stays plausible. */
export const FAIR_PRICE_BAND_FACTOR = 20;

/**
 * A seeded geometric random walk of an instrument's fair price, in ticks (fractional inside,
 * rounded by whoever quotes). Only IEEE-exact operations, so a seed gives the same path on
 * every JavaScript engine.
 */
export class FairPriceWalk {
  private priceTicks: number;
  private readonly floorTicks: number;
  private readonly ceilingTicks: number;

  constructor(
    private readonly rng: Xoshiro128,
    startPriceTicks: number,
    /** Standard deviation of one step, as a fraction of price. */
    private readonly stepVolatility: number,
  ) {
    assert(Number.isSafeInteger(startPriceTicks) && startPriceTicks > 0, 'fair price start must be positive ticks');
    assert(stepVolatility >= 0 && stepVolatility < 0.1, `step volatility out of range: ${stepVolatility}`);
    this.priceTicks = startPriceTicks;
    this.floorTicks = Math.max(1, startPriceTicks / FAIR_PRICE_BAND_FACTOR);
    this.ceilingTicks = startPriceTicks * FAIR_PRICE_BAND_FACTOR;
  }

  static seeded(seed: number, startPriceTicks: number, stepVolatility: number): FairPriceWalk {
    return new FairPriceWalk(Xoshiro128.fromSeed(seed), startPriceTicks, stepVolatility);
  }

  get ticks(): number {
    return this.priceTicks;
  }

  step(): number {
    const next = this.priceTicks * (1 + this.stepVolatility * this.rng.nextStandardish());
    this.priceTicks = Math.min(this.ceilingTicks, Math.max(this.floorTicks, next));
    return this.priceTicks;
  }
}
