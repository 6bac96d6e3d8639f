/**
 * The backtest door: an event-driven backtester on the real engine (fill models on bars and ticks,
 * slippage, latency, multi-symbol, deterministic, progress, cancellable) and the research tools
 * (optimisation, walk-forward, Monte Carlo, look-ahead check). Pure; see README.md.
 */
export { runBacktest } from './backtester';
export { BACKTEST_ERROR_CODES, type BacktestErrorCode } from './errors';
export { type GeneratedBarsSpec, generateBars } from './generated-bars';
export {
  EQUITY_POINTS_DEFAULT,
  EVENTS_MAX,
  FILLS_KEPT_MAX,
  LATENCY_MS_MAX,
  LIQUIDITY_ACCOUNT_ID,
  SLIPPAGE_BPS_MAX,
  STRATEGY_ACCOUNT_ID,
  SYMBOLS_MAX,
} from './limits';
export { type PracticeOutcome, type PracticePosition, PracticeVenue } from './practice';
export { LOOK_AHEAD_CUTS_MAX, type LookAheadCut, type LookAheadReport, lookAheadCheck } from './research/look-ahead';
export { tradeMonteCarlo } from './research/monte-carlo';
export { OBJECTIVES, type Objective, type ObjectiveSpec, scoreOf } from './research/objective';
export {
  type CandidateScore,
  candidatesOf,
  evaluateCandidate,
  type OptimiseMethod,
  type OptimiseRequest,
  type OptimiseResult,
  optimise,
  rankCandidates,
} from './research/optimise';
export {
  CANDIDATES_MAX,
  gridCandidates,
  type ParamRange,
  type ParamSet,
  type ParamSpace,
  randomCandidates,
} from './research/param-space';
export {
  inSampleBase,
  WALK_FORWARD_WINDOWS_MAX,
  type WalkForwardPlan,
  type WalkForwardRequest,
  type WalkForwardResult,
  type WalkForwardStep,
  type WalkForwardWindow,
  walkForward,
  walkForwardPlan,
  walkForwardStitch,
  walkForwardWindows,
} from './research/walk-forward';
export type {
  BacktestConfig,
  BacktestProgress,
  BacktestResult,
  BacktestStatus,
  BarData,
  BarFillModel,
  CancelToken,
  TickData,
} from './types';
export { checkRange } from './validate';
