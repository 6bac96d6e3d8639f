/**
 * The strategy API door: definitions with zod parameter schemas, the runtime that calls a
 * strategy's handlers through its context and turns its decisions into engine commands, and the
 * built-in strategies. Pure: the same strategy runs live, in a backtest and in the browser.
 * See README.md.
 */
export { bollingerBreakout } from './builtin/bollinger-breakout';
export { dca } from './builtin/dca';
export { grid } from './builtin/grid';
export { marketMaker } from './builtin/market-maker';
export { rsiReversion } from './builtin/rsi-reversion';
export { smaCross } from './builtin/sma-cross';
export { STRATEGY_ERROR_CODES, type StrategyErrorCode } from './errors';
export { INDICATOR_HELPERS, type IndicatorHelpers } from './indicator-helpers';
export { type Signal, type StrategyIntent, signalOf, timedCommand, type UntimedCommand } from './intents';
export { LOG_LINES_MAX, PENDING_COMMANDS_MAX, SIGNALS_MAX, TIMERS_MAX } from './limits';
export { OrderTracker, type TrackerOutcome } from './order-tracker';
export { BUILTIN_STRATEGIES, type ResolvedStrategy, resolveStrategy, validateParams } from './registry';
export { type RuntimeOptions, type StrategyFailure, StrategyRuntime } from './runtime';
export type {
  Fill,
  LogLine,
  OrderChange,
  OrderRequest,
  OrderView,
  PositionView,
  StrategyContext,
  StrategyDefinition,
  StrategyHandlers,
  StrategyLogger,
  StrategyRandom,
  TradeTick,
} from './types';
