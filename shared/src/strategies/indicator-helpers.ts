import { Atr, Bollinger, Donchian, Ema, Macd, Rsi, Sma, Stochastic, Wma } from '../indicators/index';

/**
 * Indicator factories offered to strategies through `ctx.indicators`: the same streaming classes
 * the PWA's charts use, so a chart and a strategy agree bar for bar. Each call makes a new
 * instance the strategy owns and feeds once per bar: `next(...)` (a plain number, NaN while warming
 * up; multi-line indicators expose their other lines as getters) is the allocation-free call the
 * built-in strategies use; `update(...)` returns `undefined` or a result object instead.
 */
export const INDICATOR_HELPERS = {
  sma: (period: number) => new Sma(period),
  ema: (period: number) => new Ema(period),
  wma: (period: number) => new Wma(period),
  rsi: (period = 14) => new Rsi(period),
  macd: (fast = 12, slow = 26, signal = 9) => new Macd(fast, slow, signal),
  bollinger: (period = 20, multiplier = 2) => new Bollinger(period, multiplier),
  atr: (period = 14) => new Atr(period),
  stochastic: (k = 14, d = 3, smoothK = 1) => new Stochastic(k, d, smoothK),
  donchian: (period = 20) => new Donchian(period),
} as const;

export type IndicatorHelpers = typeof INDICATOR_HELPERS;
