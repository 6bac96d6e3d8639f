import { BAR_INTERVAL_MS, type Bar, type BarInterval } from '../market-data/index';
import { Xoshiro128 } from '../market-sim/index';
import { assert } from '../util/index';
import { EVENTS_MAX } from './limits';

export type GeneratedBarsSpec = {
  readonly symbol: string;
  readonly interval: BarInterval;
  /** Open time of the first bar (aligned down to the interval). */
  readonly fromMs: number;
  readonly count: number;
  readonly startTicks: number;
  /** Standard deviation of a bar's return, bps. */
  readonly volatilityBps: number;
  readonly seed: number;
};

/**
 * Deterministic bars when there is no recorded data: a driftless random walk in log price (each
 * bar's log return ≈ normal with σ ≈ volatilityBps, from the sum of four uniforms of xoshiro128**), the open
 * equal to the previous close, and high/low beyond the body by a random fraction of σ. Integer
 * ticks, never below 1. The same spec gives the same bars everywhere (Node, browser, worker).
 */
export function generateBars(spec: GeneratedBarsSpec): Bar[] {
  assert(Number.isInteger(spec.count) && spec.count >= 0 && spec.count <= EVENTS_MAX, 'bar count');
  assert(Number.isSafeInteger(spec.startTicks) && spec.startTicks > 0, 'start price');
  const rng = Xoshiro128.fromSeed(spec.seed);
  const step = BAR_INTERVAL_MS[spec.interval];
  const start = Math.floor(spec.fromMs / step) * step;
  const sigma = spec.volatilityBps / 10_000;
  const bars: Bar[] = new Array(spec.count);
  let price = spec.startTicks;
  for (let i = 0; i < spec.count; i++) {
    // Sum of 4 uniforms: mean 2, variance 4/12; scaled to unit variance.
    const z = (rng.nextFloat() + rng.nextFloat() + rng.nextFloat() + rng.nextFloat() - 2) * 1.7320508075688772;
    const open = price;
    // Up by ×(1 + σ|z|), down by ÷(1 + σ|z|): symmetric in log price, so the walk has no drift
    // (×(1 + σz) alone drifts down by σ²/2 per bar and collapses over a million bars); only × and ÷,
    // which IEEE 754 rounds the same on every engine (Math.exp is not specified to the last bit).
    const move = 1 + sigma * Math.abs(z);
    const close = Math.max(1, Math.round(z >= 0 ? open * move : open / move));
    const high = Math.max(open, close) + Math.round(open * sigma * rng.nextFloat() * 0.5);
    const low = Math.max(1, Math.min(open, close) - Math.round(open * sigma * rng.nextFloat() * 0.5));
    bars[i] = {
      symbol: spec.symbol,
      interval: spec.interval,
      openTimeMs: start + i * step,
      openTicks: open,
      highTicks: high,
      lowTicks: low,
      closeTicks: close,
      volumeLots: 1 + (rng.nextUint32() % 1000),
      tradeCount: 1,
    };
    price = close;
  }
  return bars;
}
