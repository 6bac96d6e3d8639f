/**
 * The one shape every indicator has. `Args` is the input of one bar (a close, or high/low/close,
 * ...), `Out` the value (a number, or a small object for multi-line indicators).
 *
 * * `next(...)` is the primary, allocation-free streaming call: it adds a new bar and returns the
 *   indicator's main line as a plain double, NaN until the indicator is warm (never `undefined`,
 *   which JavaScript would box into a heap number on every call). Multi-line indicators expose
 *   their other lines as numeric getters (`macd.signal`, `bands.upper`, ...) updated in place,
 *   NaN until warm. `replaceNext(...)` is the same for `replace`.
 * * `update(...)` is the convenience form built on `next`: it adds a new bar and returns the new
 *   value, or `undefined` during warm-up.
 * * `replace(...)` replaces the input of the most recent bar (the still-forming candle a chart
 *   redraws many times) and returns the recomputed value; on an empty indicator it is `update`.
 *   `update(a); replace(b)` leaves exactly the state of `update(b)`.
 * * `value` is the latest value (or `undefined`), `isReady` whether there is one, `warmUp` the number
 *   of bars needed before the first value, `reset()` the state of a new instance.
 *
 * Multi-line indicators return a result object that belongs to the indicator and is overwritten by
 * the next `update`/`replace` (so the hot path allocates nothing): copy the fields to keep them.
 */
export interface StreamingIndicator<Args extends readonly number[], Out> {
  next(...input: Args): number;
  replaceNext(...input: Args): number;
  update(...input: Args): Out | undefined;
  replace(...input: Args): Out | undefined;
  readonly value: Out | undefined;
  readonly isReady: boolean;
  readonly warmUp: number;
  reset(): void;
}

/** MACD line = EMA(fast) − EMA(slow); signal = EMA(signal) of the line; histogram = line − signal. */
export interface MacdValue {
  readonly macd: number;
  readonly signal: number;
  readonly histogram: number;
}

/** Bollinger Bands: middle = SMA; upper/lower = middle ± multiplier × population std-dev. */
export interface BandsValue {
  readonly middle: number;
  readonly upper: number;
  readonly lower: number;
}

/** Stochastic oscillator: %K (smoothed when smoothK > 1) and %D = SMA of %K, both in [0, 100]. */
export interface StochasticValue {
  readonly k: number;
  readonly d: number;
}

/** Wilder's Average Directional Index with its two directional indicators, all in [0, 100]. */
export interface AdxValue {
  readonly adx: number;
  readonly plusDi: number;
  readonly minusDi: number;
}
