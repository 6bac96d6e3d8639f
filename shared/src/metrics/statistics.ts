/**
 * Descriptive statistics over float samples. Two-pass formulas (mean first, then centred sums):
 * slower than one pass but without the catastrophic cancellation of Σx² − n·mean².
 */
import { assert } from '../util/assert';
import { portablePow } from './portable-math';

export function mean(xs: ArrayLike<number>): number {
  assert(xs.length > 0, 'mean of nothing');
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i] as number;
  return sum / xs.length;
}

/** Sample standard deviation (Bessel's n − 1); needs at least two samples. */
export function sampleStdev(xs: ArrayLike<number>): number {
  assert(xs.length >= 2, 'sample standard deviation needs two samples');
  const m = mean(xs);
  let sumSq = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = (xs[i] as number) - m;
    sumSq += d * d;
  }
  return Math.sqrt(sumSq / (xs.length - 1));
}

/**
 * Population (biased, 1/n) skewness m3/m2^1.5 and non-excess kurtosis m4/m2², the estimators of
 * Bailey & López de Prado (2012). Null when the samples do not vary (m2 = 0).
 */
export function shapeMoments(xs: ArrayLike<number>): { skewness: number; kurtosis: number } | null {
  assert(xs.length > 0, 'moments of nothing');
  const m = mean(xs);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = (xs[i] as number) - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= xs.length;
  m3 /= xs.length;
  m4 /= xs.length;
  if (m2 === 0) return null;
  return { skewness: m3 / portablePow(m2, 1.5), kurtosis: m4 / (m2 * m2) };
}

/**
 * The q-quantile (q in [0, 1]) of ascending `sorted` by linear interpolation between order
 * statistics: h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). Hyndman & Fan's type 7, the
 * default of R and NumPy. Monotone in q for sorted input.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  assert(sorted.length > 0, 'quantile of nothing');
  assert(q >= 0 && q <= 1, `quantile out of [0, 1]: ${q}`);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const lower = sorted[lo] as number;
  if (lo + 1 >= sorted.length) return lower;
  const upper = sorted[lo + 1] as number;
  // The clamp keeps rounding of lower + t·(upper − lower) from passing upper: monotone in q.
  return Math.min(upper, lower + (h - lo) * (upper - lower));
}

/** The percentiles every distribution in a report carries. */
export type Percentiles = {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
};

export function percentilesSorted(sorted: ArrayLike<number>): Percentiles {
  return {
    p5: quantileSorted(sorted, 0.05),
    p25: quantileSorted(sorted, 0.25),
    p50: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
  };
}
