/** Bounds of one backtest (STYLE habit 6); tested at the limit and one past it. */
/** Bars or ticks in one run (10M 1-minute bars ≈ 19 years). */
export const EVENTS_MAX = 10_000_000;
/** Symbols in one run. */
export const SYMBOLS_MAX = 64;
/**
 * Equity samples kept by default; longer runs are sampled every k-th bar time (see README). 20,000
 * is 2 years of hourly bars at full resolution, and plenty of returns for the Sharpe ratio and its
 * probabilistic test; each sample costs a bigint valuation and the metrics' work on it.
 */
export const EQUITY_POINTS_DEFAULT = 20_000;
/** Slippage applied to market-like fills, bps of the fill point's price. */
export const SLIPPAGE_BPS_MAX = 1_000;
/** Order latency: how long after a decision its command reaches the venue. */
export const LATENCY_MS_MAX = 86_400_000;
/** The venue-side liquidity account: its id, and its cash (large enough never to bind). */
export const LIQUIDITY_ACCOUNT_ID = 'backtest:liquidity';
export const STRATEGY_ACCOUNT_ID = 'backtest:strategy';
export const LIQUIDITY_CASH_MINOR = 10n ** 15n;
/** Fills kept in a result (the metrics use the round trips; these are for the report). */
export const FILLS_KEPT_MAX = 1_000_000;
