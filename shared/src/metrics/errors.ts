/** The reasons a metrics call refuses its input. Nothing is computed from a refused input. */
export const METRICS_ERROR_CODES = [
  'METRICS_TOO_MANY_POINTS',
  'METRICS_BAD_TIME',
  'METRICS_TIME_NOT_INCREASING',
  'METRICS_EQUITY_NOT_POSITIVE',
  'METRICS_TOO_MANY_TRADES',
  'METRICS_BAD_TRADE',
  'METRICS_BAD_PARAMETER',
  'METRICS_TOO_MANY_RUNS',
  'METRICS_TOO_MUCH_WORK',
] as const;
export type MetricsErrorCode = (typeof METRICS_ERROR_CODES)[number];
