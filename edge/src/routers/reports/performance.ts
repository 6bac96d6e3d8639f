import { minorToDecimal } from '@tradewind/shared';
import { computePerformance, type EquityPoint, type MonthlyReturn } from '@tradewind/shared/metrics';

/** The report's numbers with money as decimal strings (JSON has no bigint). */
export type PerformanceView = {
  currency: string;
  /** Null with `reason` when the curve cannot give metrics (too few or non-positive samples). */
  metrics: Record<string, number | string | null> | null;
  reason: string | null;
  series: { timeMs: number[]; equity: string[]; drawdownRatio: number[] };
  monthly: MonthlyReturn[];
};

/** Flattens the metrics to one level: bigint money → decimal, nested trade stats dropped (no round trips here). */
function flatMetrics(metrics: object, scale: number): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const [k, v] of Object.entries(metrics)) {
    if (typeof v === 'bigint') out[k] = minorToDecimal(v, scale);
    else if (typeof v === 'number' || v === null) out[k] = v;
  }
  return out;
}

/** `computePerformance` of `@tradewind/shared/metrics` on the sampled equity curve of one account. */
export function performanceOf(
  points: readonly EquityPoint[],
  currency: string,
  scale: number,
  costs: { feesMinor: bigint; turnoverMinor: bigint },
): PerformanceView {
  const series = {
    timeMs: points.map((p) => p.timeMs),
    equity: points.map((p) => minorToDecimal(p.equityMinor, scale)),
  };
  const report = computePerformance({ equity: points, trades: [], ...costs });
  if (!report.ok) {
    return { currency, metrics: null, reason: report.message, series: { ...series, drawdownRatio: [] }, monthly: [] };
  }
  return {
    currency,
    metrics: flatMetrics(report.value.metrics, scale),
    reason: null,
    series: { ...series, drawdownRatio: [...report.value.series.drawdownRatio] },
    monthly: [...report.value.monthly],
  };
}
