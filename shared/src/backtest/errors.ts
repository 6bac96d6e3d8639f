/** Expected failures of a backtest's input: typed codes; nothing runs when one is returned. */
export const BACKTEST_ERROR_CODES = [
  'STRATEGY_UNKNOWN',
  'STRATEGY_PARAMS_INVALID',
  'RANGE_EMPTY',
  'RANGE_REVERSED',
  'RANGE_INVALID',
  'SYMBOL_UNKNOWN',
  'DATA_INVALID',
  'DATA_EMPTY',
  'LIMIT_EXCEEDED',
  'CASH_INVALID',
  'FILL_MODEL_INVALID',
] as const;
export type BacktestErrorCode = (typeof BACKTEST_ERROR_CODES)[number];
