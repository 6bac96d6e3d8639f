/**
 * How much to believe a Sharpe ratio. Both work on the per-period (not annualised) Sharpe ratio
 * of n returns with skewness γ3 and non-excess kurtosis γ4, because that is what the asymptotic
 * variance of the estimator (Mertens 2002) is stated for.
 */
import { err, ok, type Result } from '../util/result';
import type { MetricsErrorCode } from './errors';
import { DSR_TRIALS_MAX } from './limits';
import { normalCdf, normalQuantile } from './normal';

export type SharpeSample = {
  /** The observed per-period Sharpe ratio. */
  readonly sharpePerPeriod: number;
  /** Number of returns it was estimated from (n ≥ 2). */
  readonly returnCount: number;
  readonly skewness: number;
  /** Non-excess: 3 for normal returns. */
  readonly kurtosis: number;
};

/** The Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * Bailey & López de Prado (2012), "The Sharpe ratio efficient frontier", eq. (11):
 * PSR(SR*) = Φ( (SR − SR*)·√(n − 1) ÷ √(1 − γ3·SR + (γ4 − 1)/4·SR²) ),
 * the probability that the true Sharpe ratio exceeds the benchmark SR* (per period).
 * Ok(null) when the variance term is not positive (possible for extreme skewness).
 */
export function probabilisticSharpeRatio(
  sample: SharpeSample,
  benchmarkSharpePerPeriod: number,
): Result<number | null, MetricsErrorCode> {
  const { sharpePerPeriod: sr, returnCount: n, skewness, kurtosis } = sample;
  const finite = [sr, skewness, kurtosis, benchmarkSharpePerPeriod].every(Number.isFinite);
  if (!finite || !Number.isSafeInteger(n) || n < 2 || kurtosis < 1) {
    return err('METRICS_BAD_PARAMETER', 'PSR needs finite statistics, n ≥ 2 and kurtosis ≥ 1');
  }
  const variance = 1 - skewness * sr + ((kurtosis - 1) / 4) * sr * sr;
  if (!(variance > 0)) return ok(null);
  return ok(normalCdf(((sr - benchmarkSharpePerPeriod) * Math.sqrt(n - 1)) / Math.sqrt(variance)));
}

/**
 * The Sharpe ratio the best of N independent trials would show by luck alone, given the variance
 * V of the trials' per-period Sharpe ratios (Bailey & López de Prado 2014, "The deflated Sharpe
 * ratio", eq. 2, from the expected maximum of N normals):
 * SR0 = √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), γ the Euler–Mascheroni constant.
 * One trial has nothing to deflate: SR0 = 0.
 */
export function expectedMaxSharpe(trialsCount: number, sharpeVariance: number): number {
  if (trialsCount === 1) return 0;
  const a = normalQuantile(1 - 1 / trialsCount);
  const b = normalQuantile(1 - 1 / (trialsCount * Math.E));
  return Math.sqrt(sharpeVariance) * ((1 - EULER_GAMMA) * a + EULER_GAMMA * b);
}

/**
 * The deflated Sharpe ratio: PSR against SR0 of `expectedMaxSharpe`: the probability that the
 * selected strategy's true Sharpe ratio is positive after correcting for having tried N.
 */
export function deflatedSharpeRatio(
  sample: SharpeSample,
  trialsCount: number,
  sharpeVariancePerPeriod: number,
): Result<number | null, MetricsErrorCode> {
  if (!Number.isSafeInteger(trialsCount) || trialsCount < 1 || trialsCount > DSR_TRIALS_MAX) {
    return err('METRICS_BAD_PARAMETER', `trials must be an integer in [1, ${DSR_TRIALS_MAX}]`);
  }
  if (!(sharpeVariancePerPeriod >= 0) || !Number.isFinite(sharpeVariancePerPeriod)) {
    return err('METRICS_BAD_PARAMETER', 'the variance of the trials’ Sharpe ratios must be finite and ≥ 0');
  }
  return probabilisticSharpeRatio(sample, expectedMaxSharpe(trialsCount, sharpeVariancePerPeriod));
}
