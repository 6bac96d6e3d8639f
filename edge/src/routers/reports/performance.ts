import { minorToDecimal } from '@tradewind/shared';
import {
  type ClosedTrade,
  computePerformance,
  type EquityPoint,
  type MonthlyReturn,
  type TradeStats,
  tradeStats,
} from '@tradewind/shared/metrics';

/** The report's numbers with money as decimal strings (JSON has no bigint). */
export type PerformanceView = {
  currency: string;
  /** Null with `reason` when the curve cannot give metrics (too few or non-positive samples). */
  metrics: Record<string, number | string | null> | null;
  reason: string | null;
  series: { timeMs: number[]; equity: string[]; drawdownRatio: number[] };
  monthly: MonthlyReturn[];
  /** Statistics of the round trips closed in the period (FIFO lots, net of fees); `shared/metrics`. */
  trades: TradeStatsView;
};

/**
 * Trade statistics with money as decimal strings: sums exact; means (expectancy, average win and
 * loss) are floats in the metrics and shown rounded to the currency's minor unit.
 */
export type TradeStatsView = {
  tradeCount: number;
  winCount: number;
  lossCount: number;
  winRatio: number | null;
  profitFactor: number | null;
  noLosingTrades: boolean;
  payoffRatio: number | null;
  expectancy: string | null;
  avgWin: string | null;
  avgLoss: string | null;
  netPnl: string;
  grossPnl: string;
  fees: string;
};

function tradeStatsView(t: TradeStats, scale: number): TradeStatsView {
  // A mean in minor units (a float) shown as a decimal: rounded to the minor unit first (half up).
  const mean = (minor: number | null) => (minor === null ? null : minorToDecimal(BigInt(Math.round(minor)), scale));
  return {
    tradeCount: t.tradeCount,
    winCount: t.winCount,
    lossCount: t.lossCount,
    winRatio: t.winRatio,
    profitFactor: t.profitFactor,
    noLosingTrades: t.noLosingTrades,
    payoffRatio: t.payoffRatio,
    expectancy: mean(t.expectancyMinor),
    avgWin: mean(t.avgWinMinor),
    avgLoss: mean(t.avgLossMinor),
    netPnl: minorToDecimal(t.netPnlMinor, scale),
    grossPnl: minorToDecimal(t.grossPnlMinor, scale),
    fees: minorToDecimal(t.tradeFeesMinor, scale),
  };
}

/** Flattens the metrics to one level: bigint money → decimal; nested objects (trade stats: `trades`) left out. */
function flatMetrics(metrics: object, scale: number): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const [k, v] of Object.entries(metrics)) {
    if (typeof v === 'bigint') out[k] = minorToDecimal(v, scale);
    else if (typeof v === 'number' || v === null) out[k] = v;
  }
  return out;
}

/** `computePerformance` of `@tradewind/shared/metrics` on a sampled equity curve and the round trips of its period. */
export function performanceOf(
  points: readonly EquityPoint[],
  currency: string,
  scale: number,
  costs: { feesMinor: bigint; turnoverMinor: bigint },
  trades: readonly ClosedTrade[] = [],
): PerformanceView {
  const series = {
    timeMs: points.map((p) => p.timeMs),
    equity: points.map((p) => minorToDecimal(p.equityMinor, scale)),
  };
  const report = computePerformance({ equity: points, trades, ...costs });
  const tradesView = tradeStatsView(tradeStats(trades), scale);
  if (!report.ok) {
    return {
      currency,
      metrics: null,
      reason: report.message,
      series: { ...series, drawdownRatio: [] },
      monthly: [],
      trades: tradesView,
    };
  }
  return {
    currency,
    metrics: flatMetrics(report.value.metrics, scale),
    reason: null,
    series: { ...series, drawdownRatio: [...report.value.series.drawdownRatio] },
    monthly: [...report.value.monthly],
    trades: tradesView,
  };
}
