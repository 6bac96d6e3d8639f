// The metrics door: performance statistics of an equity curve and its trades (see README.md).
export { periodsPerYearFromSamples, perPeriodRate, YEAR_MS } from './annualisation';
export { type CivilDate, civilFromDays, DAY_MS, daysFromCivil, monthIndexOfMs, utcDateOfMs } from './calendar';
export { analyseDrawdowns, type DrawdownAnalysis } from './drawdown';
export { METRICS_ERROR_CODES, type MetricsErrorCode } from './errors';
export {
  DSR_TRIALS_MAX,
  EQUITY_POINTS_MAX,
  MONTE_CARLO_DRAWS_MAX,
  MONTE_CARLO_RUNS_MAX,
  RISK_FREE_ANNUAL_RATIO_MAX,
  TIME_MS_MAX,
  TIME_MS_MIN,
  TRADES_MAX,
} from './limits';
export {
  MONTE_CARLO_METHODS,
  type MonteCarloInput,
  type MonteCarloMethod,
  type MonteCarloResult,
  monteCarloTrades,
} from './monte-carlo';
export { monthlyReturns, yearlyReturns } from './monthly-returns';
export { normalCdf, normalQuantile } from './normal';
export { portableExp, portableLn, portablePow } from './portable-math';
export { computePerformance } from './report';
export { simpleReturns } from './returns';
export {
  cagrRatio,
  calmarRatio,
  sharpeRatio,
  sortinoRatio,
  volatilityAnnualRatio,
  ZERO_VOLATILITY_RELATIVE,
} from './risk-adjusted';
export { type RoundTripFill, RoundTrips, roundTripsOf } from './round-trips';
export {
  deflatedSharpeRatio,
  expectedMaxSharpe,
  probabilisticSharpeRatio,
  type SharpeSample,
} from './sharpe-significance';
export { type Percentiles, percentilesSorted, quantileSorted, sampleStdev, shapeMoments } from './statistics';
export { exposureRatio, netPnlMinorOf, tradeStats } from './trade-stats';
export type {
  ClosedTrade,
  DrawdownEpisode,
  EquityPoint,
  MonthlyReturn,
  PerformanceInput,
  PerformanceMetrics,
  PerformanceReport,
  PerformanceSeries,
  TradeSide,
  TradeStats,
} from './types';
