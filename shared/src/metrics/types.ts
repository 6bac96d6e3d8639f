/**
 * Inputs and outputs of the performance metrics. Conventions (see README.md):
 * - money is exact at the boundary: equity, PnL, fees and turnover come in as bigint minor units
 *   and are converted to float once, when a ratio is formed;
 * - `…Ratio` is a plain fraction (0.05 = 5 %); no field is in percent;
 * - times are epoch milliseconds (`…Ms`), durations are milliseconds (`durationMs`);
 * - a metric that is undefined for the data (no volatility, no losing trade, too few points)
 *   is `null`, never NaN or ±Infinity.
 */

/** One sample of an account's (or strategy's) equity: cash plus positions marked to market. */
export type EquityPoint = { readonly timeMs: number; readonly equityMinor: bigint };

/** The position side of a round trip (not the order side): long gains when the price rises. */
export type TradeSide = 'long' | 'short';

/** A closed round trip. `grossPnlMinor` excludes fees; the net result is gross − fees. */
export type ClosedTrade = {
  readonly entryTimeMs: number;
  readonly exitTimeMs: number;
  readonly side: TradeSide;
  readonly qtyLots: number;
  readonly entryPriceTicks: number;
  readonly exitPriceTicks: number;
  readonly grossPnlMinor: bigint;
  /** Fees paid on entry and exit (a rebate makes it negative). */
  readonly feesMinor: bigint;
};

export type PerformanceInput = {
  /** Strictly increasing `timeMs`; every `equityMinor` > 0. */
  readonly equity: readonly EquityPoint[];
  readonly trades: readonly ClosedTrade[];
  /** All fees of the period (also those of trades still open at its end). */
  readonly feesMinor: bigint;
  /** Traded notional of the period, both sides summed, ≥ 0. */
  readonly turnoverMinor: bigint;
  /** Sampling periods per year; derived from the median sampling interval when absent. */
  readonly periodsPerYear?: number;
  /** Annual risk-free rate as a ratio (0.04 = 4 %); 0 when absent. */
  readonly riskFreeRateAnnualRatio?: number;
  /** The annualised Sharpe ratio the probabilistic Sharpe ratio tests against; 0 when absent. */
  readonly benchmarkSharpeAnnual?: number;
};

/** The worst drawdown: depth, when it began and bottomed, and whether and when it recovered. */
export type DrawdownEpisode = {
  readonly depthRatio: number;
  readonly peakTimeMs: number;
  readonly troughTimeMs: number;
  /** First sample at or above the peak again; null when still underwater at the end. */
  readonly recoveryTimeMs: number | null;
  /** Peak to recovery, or peak to the last sample when not recovered. */
  readonly durationMs: number;
};

export type TradeStats = {
  readonly tradeCount: number;
  readonly winCount: number;
  readonly lossCount: number;
  /** Wins ÷ trades (a net result of exactly 0 is neither); null without trades. */
  readonly winRatio: number | null;
  /** Sum of net wins ÷ |sum of net losses|; null when there is no losing trade. */
  readonly profitFactor: number | null;
  /** True when trades exist and none lost: why `profitFactor` is null rather than ∞. */
  readonly noLosingTrades: boolean;
  /** Mean net result per trade, minor units. */
  readonly expectancyMinor: number | null;
  readonly avgWinMinor: number | null;
  /** Mean of the losing trades' net results: ≤ 0. */
  readonly avgLossMinor: number | null;
  /** avgWin ÷ |avgLoss|; null without a win or without a loss. */
  readonly payoffRatio: number | null;
  readonly netPnlMinor: bigint;
  readonly grossPnlMinor: bigint;
  readonly tradeFeesMinor: bigint;
};

export type PerformanceMetrics = {
  readonly pointCount: number;
  readonly startTimeMs: number | null;
  readonly endTimeMs: number | null;
  readonly durationMs: number;
  readonly periodsPerYear: number | null;
  readonly startEquityMinor: bigint | null;
  readonly endEquityMinor: bigint | null;
  readonly totalReturnRatio: number | null;
  readonly cagrRatio: number | null;
  readonly volatilityAnnualRatio: number | null;
  readonly sharpeAnnual: number | null;
  readonly sortinoAnnual: number | null;
  readonly calmar: number | null;
  readonly maxDrawdownRatio: number | null;
  readonly maxDrawdown: DrawdownEpisode | null;
  /** The longest peak-to-recovery (or peak-to-end) span of any drawdown. */
  readonly longestUnderwaterMs: number;
  readonly skewness: number | null;
  /** Non-excess kurtosis (3 for a normal distribution). */
  readonly kurtosis: number | null;
  readonly probabilisticSharpe: number | null;
  readonly trades: TradeStats;
  /** Share of [start, end] covered by at least one open trade; null when the period is empty. */
  readonly exposureRatio: number | null;
  readonly feesMinor: bigint;
  readonly turnoverMinor: bigint;
  /** Turnover ÷ mean equity over the samples. */
  readonly turnoverRatio: number | null;
};

/** Parallel arrays, one entry per equity sample; ready for a chart. */
export type PerformanceSeries = {
  readonly timeMs: readonly number[];
  readonly equityMinor: readonly bigint[];
  /** equity ÷ first equity − 1. */
  readonly cumulativeReturnRatio: readonly number[];
  /** equity ÷ running peak − 1: ≤ 0, and exactly 0 at a new high. */
  readonly drawdownRatio: readonly number[];
};

/** One UTC calendar month. `returnRatio` is null for a month with no sample inside a gap. */
export type MonthlyReturn = { readonly year: number; readonly month: number; readonly returnRatio: number | null };

export type PerformanceReport = {
  readonly metrics: PerformanceMetrics;
  readonly series: PerformanceSeries;
  readonly monthly: readonly MonthlyReturn[];
};
