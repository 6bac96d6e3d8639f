/** Active (not yet triggered) price alerts one user may hold. */
export const ALERTS_ACTIVE_PER_USER_MAX = 100;
/** A threshold may be at most this factor above, or below, the last price (absurd prices are refused). */
export const ALERT_PRICE_BAND_FACTOR = 10;
/** Alerts one index holds over all symbols (bounds core's memory: 100,000 is the benchmark's load). */
export const ALERTS_INDEXED_MAX = 1_000_000;
/** Length of an alert's optional note. */
export const ALERT_NOTE_LENGTH_MAX = 140;
