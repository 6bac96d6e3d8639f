/**
 * Equity (exact, bigint minor units) to per-sample simple returns (floats). The difference of two
 * samples is taken exactly in bigint and only then divided as floats, so the returns carry one
 * rounding each (relative error ~1e-16) even when equity exceeds 2^53 minor units.
 */
import { assert } from '../util/assert';
import type { EquityPoint } from './types';

/** r_i = (E_i − E_{i−1}) ÷ E_{i−1} for i = 1…n−1; n − 1 returns. Equity must be positive. */
export function simpleReturns(points: readonly EquityPoint[]): Float64Array {
  const n = points.length;
  const out = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) {
    const prev = (points[i - 1] as EquityPoint).equityMinor;
    assert(prev > 0n, 'returns from a non-positive equity');
    out[i - 1] = Number((points[i] as EquityPoint).equityMinor - prev) / Number(prev);
  }
  return out;
}

/** a ÷ b − 1 computed as (a − b) ÷ b: the same exact-difference rule, for two equities. */
export function growthRatio(fromMinor: bigint, toMinor: bigint): number {
  assert(fromMinor > 0n, 'growth from a non-positive equity');
  return Number(toMinor - fromMinor) / Number(fromMinor);
}
