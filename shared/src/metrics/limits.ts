/**
 * Limits on what one call may be asked to do (STYLE habit 6). Each bounds memory and time of a
 * pure function that may run on core's event loop or in a browser tab.
 */

/**
 * Equity samples per report: 1.9 years of 1-minute samples, 114 years of hourly ones. Keeps the
 * series (a few arrays of this length) to tens of MB in a phone's browser tab; a caller with a
 * longer history downsamples first (hourly or daily equity).
 */
export const EQUITY_POINTS_MAX = 1_000_000;

/** Closed trades per report or Monte Carlo. */
export const TRADES_MAX = 1_000_000;

/** Monte Carlo runs per call. */
export const MONTE_CARLO_RUNS_MAX = 100_000;

/** Monte Carlo trade draws per call (runs × trades): about a second on a busy 2-core machine. */
export const MONTE_CARLO_DRAWS_MAX = 20_000_000;

/** Trials the deflated Sharpe ratio may correct for. */
export const DSR_TRIALS_MAX = 1_000_000_000;

/**
 * Sample and trade times must lie in [1900-01-01, 2200-01-01) UTC (epoch ms). Covers any market
 * history and bounds the monthly table at 3,600 rows whatever the timestamps.
 */
export const TIME_MS_MIN = -2_208_988_800_000;
export const TIME_MS_MAX = 7_258_118_400_000;

/** The largest annual risk-free rate accepted (1000 %: room for hyperinflating currencies). */
export const RISK_FREE_ANNUAL_RATIO_MAX = 10;
