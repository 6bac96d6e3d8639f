/**
 * Return and risk-adjusted return statistics over per-period simple returns r_1…r_n, annualised
 * with P periods per year. Each is null when undefined for the data, never NaN or ±Infinity.
 */
import { YEAR_MS } from './annualisation';
import { portablePow } from './portable-math';
import { mean, sampleStdev } from './statistics';

/**
 * A standard deviation this small next to the mean is the float residue of constant returns,
 * not risk: treat it as zero volatility (Sharpe undefined) rather than report a ratio of 1e15.
 */
export const ZERO_VOLATILITY_RELATIVE = 1e-9;

function isZeroVolatility(stdev: number, meanAbs: number): boolean {
  return stdev === 0 || stdev <= meanAbs * ZERO_VOLATILITY_RELATIVE;
}

/** Annualised volatility: sample standard deviation × √P. Needs two returns. */
export function volatilityAnnualRatio(returns: Float64Array, periodsPerYear: number): number | null {
  if (returns.length < 2) return null;
  return sampleStdev(returns) * Math.sqrt(periodsPerYear);
}

/**
 * Sharpe (1966, revised 1994): mean(r − r_f) ÷ stdev(r − r_f) × √P, with r_f the per-period
 * risk-free rate and the sample (n − 1) standard deviation. Per-period when P = 1.
 */
export function sharpeRatio(returns: Float64Array, riskFreePerPeriod: number, periodsPerYear: number): number | null {
  if (returns.length < 2) return null;
  const excess = returns.map((r) => r - riskFreePerPeriod);
  const m = mean(excess);
  const sd = sampleStdev(excess);
  if (isZeroVolatility(sd, Math.abs(m))) return null;
  return (m / sd) * Math.sqrt(periodsPerYear);
}

/**
 * Sortino & Price (1994): (mean(r) − T) ÷ DD × √P with target T = 0 and the downside deviation
 * DD = √( (1/n) Σ_{i=1..n} min(0, r_i − T)² ): the full sample count n in the denominator (every
 * period, not only the losing ones). Null when no return is below the target (DD = 0).
 */
export function sortinoRatio(returns: Float64Array, periodsPerYear: number): number | null {
  if (returns.length < 2) return null;
  let sumSq = 0;
  for (const r of returns) if (r < 0) sumSq += r * r;
  if (sumSq === 0) return null;
  const downside = Math.sqrt(sumSq / returns.length);
  return (mean(returns) / downside) * Math.sqrt(periodsPerYear);
}

/**
 * Compound annual growth: (E_end ÷ E_start)^(YEAR_MS ÷ durationMs) − 1. Null for an empty period
 * and when the power overflows (a short, steep period), since ±Infinity is not an answer. The
 * power is `portablePow`, so the browser and the server agree to the last bit.
 */
export function cagrRatio(totalReturnRatio: number, durationMs: number): number | null {
  if (!(durationMs > 0)) return null;
  // Equity is positive, so 1 + R > 0 (R ≥ 10^-15 − 1 with cash ≤ 10^15 minor units); kept safe anyway.
  if (!(1 + totalReturnRatio > 0)) return -1;
  const cagr = portablePow(1 + totalReturnRatio, YEAR_MS / durationMs) - 1;
  return Number.isFinite(cagr) ? cagr : null;
}

/** Calmar (Young 1991) over the whole period: CAGR ÷ max drawdown. Null without a drawdown. */
export function calmarRatio(cagr: number | null, maxDrawdownRatio: number | null): number | null {
  if (cagr === null || maxDrawdownRatio === null || maxDrawdownRatio === 0) return null;
  return cagr / maxDrawdownRatio;
}
