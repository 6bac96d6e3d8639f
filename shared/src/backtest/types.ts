import type { Instrument } from '../domain/index';
import type { RiskLimits } from '../engine/index';
import type { Bar, BarInterval } from '../market-data/index';
import type { ClosedTrade, EquityPoint, PerformanceReport } from '../metrics/index';
import type { Fill, LogLine, Signal, StrategyDefinition, StrategyFailure, TradeTick } from '../strategies/index';

/** How orders fill on bars (README.md, "Fill models"). */
export type BarFillModel = 'next-open' | 'intrabar';

export type BarData = {
  readonly kind: 'bars';
  readonly interval: BarInterval;
  /** All symbols' bars, ordered by `openTimeMs` (ties in any order; one bar per symbol and time). */
  readonly bars: readonly Bar[];
};
export type TickData = {
  readonly kind: 'ticks';
  /** Recorded trades, ordered by `timeMs`. */
  readonly ticks: readonly TradeTick[];
};

/** Checked between events: set `aborted` to stop a run (an AbortSignal fits this shape). */
export type CancelToken = { readonly aborted: boolean };

export type BacktestProgress = { readonly eventsDone: number; readonly eventsTotal: number; readonly timeMs: number };

export type BacktestConfig = {
  /** A built-in strategy id, or a definition. */
  readonly strategy: string | StrategyDefinition;
  readonly params?: unknown;
  readonly instruments: readonly Instrument[];
  readonly data: BarData | TickData;
  /** The range [fromMs, toMs): bars by their open time, ticks by their time. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly initialCashMinor: bigint;
  /** The account's currency (the instruments' quote); USD by default. */
  readonly currency?: string;
  readonly account?: {
    readonly kind: 'cash' | 'margin';
    readonly leverage?: number;
    readonly limits?: Partial<RiskLimits>;
  };
  /** The strategy account's fees (engine defaults otherwise: maker 2, taker 5 bps). */
  readonly fees?: { readonly makerFeeBps: number; readonly takerFeeBps: number };
  readonly fill?: { readonly bars?: BarFillModel; readonly slippageBps?: number; readonly latencyMs?: number };
  /** Seed of the strategy's `ctx.random`. */
  readonly seed?: number;
  readonly equityPointsMax?: number;
  readonly onProgress?: (p: BacktestProgress) => void;
  /** Progress is reported every this many events (default: 1 % of the run). */
  readonly progressEveryEvents?: number;
  readonly signal?: CancelToken;
};

export type BacktestStatus = 'completed' | 'cancelled' | 'failed';

export type BacktestResult = {
  readonly status: BacktestStatus;
  /** Why the strategy was stopped (status 'failed'). */
  readonly failure: StrategyFailure | null;
  readonly strategyId: string;
  readonly params: unknown;
  readonly fromMs: number;
  readonly toMs: number;
  readonly eventsDone: number;
  readonly eventsTotal: number;
  readonly equity: readonly EquityPoint[];
  readonly trades: readonly ClosedTrade[];
  readonly fills: readonly Fill[];
  readonly signals: readonly Signal[];
  /** Null when the metrics refused the curve (e.g. equity ≤ 0); see `performanceError`. */
  readonly performance: PerformanceReport | null;
  readonly performanceError: string | null;
  readonly finalCashMinor: bigint;
  readonly finalPositions: readonly { readonly symbol: string; readonly qtyLots: number }[];
  readonly feesMinor: bigint;
  readonly turnoverMinor: bigint;
  readonly rejections: number;
  readonly logs: readonly LogLine[];
  /** The engine's state hash at the end (equal runs → equal hashes). */
  readonly stateHash: string;
};
