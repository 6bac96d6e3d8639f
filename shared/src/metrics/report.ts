/**
 * The door's main call: an equity curve and its closed trades in, every metric, the series and
 * the monthly table out. Validates first; a refused input gets an `Err` and no partial report.
 */
import { err, ok, type Result } from '../util/result';
import { periodsPerYearFromSamples, perPeriodRate } from './annualisation';
import { analyseDrawdowns } from './drawdown';
import type { MetricsErrorCode } from './errors';
import { monthlyReturns } from './monthly-returns';
import { growthRatio, simpleReturns } from './returns';
import { cagrRatio, calmarRatio, sharpeRatio, sortinoRatio, volatilityAnnualRatio } from './risk-adjusted';
import { probabilisticSharpeRatio } from './sharpe-significance';
import { shapeMoments } from './statistics';
import { exposureRatio, tradeStats } from './trade-stats';
import type { EquityPoint, PerformanceInput, PerformanceMetrics, PerformanceReport, PerformanceSeries } from './types';
import { checkPerformanceInput } from './validate';

export function computePerformance(input: PerformanceInput): Result<PerformanceReport, MetricsErrorCode> {
  const checked = checkPerformanceInput(input);
  if (!checked.ok) return err(checked.code, checked.message);
  const points = input.equity;
  const drawdowns = analyseDrawdowns(points);
  const series = seriesOf(points, drawdowns.drawdownRatio);
  const returns = simpleReturns(points);
  const periodsPerYear = input.periodsPerYear ?? periodsPerYearFromSamples(points);
  const first = points[0];
  const last = points[points.length - 1];
  const durationMs = first && last ? last.timeMs - first.timeMs : 0;
  const totalReturnRatio = first && last ? growthRatio(first.equityMinor, last.equityMinor) : null;
  const cagr = totalReturnRatio === null ? null : cagrRatio(totalReturnRatio, durationMs);
  const maxDrawdownRatio = points.length > 0 ? drawdowns.maxDrawdownRatio : null;
  const ratios = riskAdjusted(returns, periodsPerYear, input);
  const metrics: PerformanceMetrics = {
    pointCount: points.length,
    startTimeMs: first?.timeMs ?? null,
    endTimeMs: last?.timeMs ?? null,
    durationMs,
    periodsPerYear,
    startEquityMinor: first?.equityMinor ?? null,
    endEquityMinor: last?.equityMinor ?? null,
    totalReturnRatio,
    cagrRatio: cagr,
    ...ratios,
    calmar: calmarRatio(cagr, maxDrawdownRatio),
    maxDrawdownRatio,
    maxDrawdown: drawdowns.maxDrawdown,
    longestUnderwaterMs: drawdowns.longestUnderwaterMs,
    trades: tradeStats(input.trades),
    exposureRatio: first && last ? exposureRatio(input.trades, first.timeMs, last.timeMs) : null,
    feesMinor: input.feesMinor,
    turnoverMinor: input.turnoverMinor,
    turnoverRatio: turnoverRatio(points, input.turnoverMinor),
  };
  return ok({ metrics, series, monthly: monthlyReturns(points) });
}

type RiskAdjusted = Pick<
  PerformanceMetrics,
  'volatilityAnnualRatio' | 'sharpeAnnual' | 'sortinoAnnual' | 'skewness' | 'kurtosis' | 'probabilisticSharpe'
>;

function riskAdjusted(returns: Float64Array, periodsPerYear: number | null, input: PerformanceInput): RiskAdjusted {
  const none = { volatilityAnnualRatio: null, sharpeAnnual: null, sortinoAnnual: null, probabilisticSharpe: null };
  const shape = returns.length > 0 ? shapeMoments(returns) : null;
  const moments = { skewness: shape?.skewness ?? null, kurtosis: shape?.kurtosis ?? null };
  if (periodsPerYear === null || returns.length < 2) return { ...none, ...moments };
  const rf = perPeriodRate(input.riskFreeRateAnnualRatio ?? 0, periodsPerYear);
  const sharpePerPeriod = sharpeRatio(returns, rf, 1);
  let probabilisticSharpe: number | null = null;
  if (sharpePerPeriod !== null && shape !== null) {
    const benchmark = (input.benchmarkSharpeAnnual ?? 0) / Math.sqrt(periodsPerYear);
    const sample = { sharpePerPeriod, returnCount: returns.length, ...shape };
    const psr = probabilisticSharpeRatio(sample, benchmark);
    probabilisticSharpe = psr.ok ? psr.value : null;
  }
  return {
    volatilityAnnualRatio: volatilityAnnualRatio(returns, periodsPerYear),
    sharpeAnnual: sharpePerPeriod === null ? null : sharpePerPeriod * Math.sqrt(periodsPerYear),
    sortinoAnnual: sortinoRatio(returns, periodsPerYear),
    probabilisticSharpe,
    ...moments,
  };
}

function seriesOf(points: readonly EquityPoint[], drawdownRatio: Float64Array): PerformanceSeries {
  const first = points[0];
  return {
    timeMs: points.map((p) => p.timeMs),
    equityMinor: points.map((p) => p.equityMinor),
    cumulativeReturnRatio: first ? points.map((p) => growthRatio(first.equityMinor, p.equityMinor)) : [],
    drawdownRatio: Array.from(drawdownRatio),
  };
}

/** Turnover ÷ mean equity of the samples; null without samples. */
function turnoverRatio(points: readonly EquityPoint[], turnoverMinor: bigint): number | null {
  if (points.length === 0) return null;
  let sumMinor = 0n;
  for (const p of points) sumMinor += p.equityMinor;
  return Number(turnoverMinor) / (Number(sumMinor) / points.length);
}
