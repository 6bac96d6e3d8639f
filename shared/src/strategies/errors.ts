/** Expected failures of the strategy API: typed codes, never exceptions (STYLE habit 9). */
export const STRATEGY_ERROR_CODES = ['STRATEGY_UNKNOWN', 'STRATEGY_PARAMS_INVALID'] as const;
export type StrategyErrorCode = (typeof STRATEGY_ERROR_CODES)[number];
