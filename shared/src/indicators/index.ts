/**
 * Streaming technical indicators: O(1) work per update, no allocation on the update path, no clock
 * and no randomness. Inputs are plain floating-point numbers: indicators are not money, so prices
 * are converted from integer ticks once at the edge (price = ticks × tick size) before they enter.
 * See README.md for every formula, its warm-up and its reference source.
 */
export { Adx } from './adx';
export { Atr, trueRange } from './atr';
export { Bollinger } from './bollinger';
export { Donchian } from './donchian';
export { Ema } from './ema';
export {
  IndicatorInputError,
  IndicatorParamError,
  MAX_BAND_MULTIPLIER,
  MAX_INDICATOR_PERIOD,
} from './errors';
export { Macd } from './macd';
export { Obv } from './obv';
export { Rsi } from './rsi';
export {
  adxSeries,
  atrSeries,
  bollingerSeries,
  type CloseVolume,
  donchianSeries,
  emaSeries,
  type HighLow,
  type HighLowClose,
  type HighLowCloseVolume,
  macdSeries,
  obvSeries,
  rsiSeries,
  type Series,
  smaSeries,
  stochasticSeries,
  vwapSeries,
  wmaSeries,
} from './series';
export { Sma } from './sma';
export { Stochastic } from './stochastic';
export type { AdxValue, BandsValue, MacdValue, StochasticValue, StreamingIndicator } from './types';
export { Vwap } from './vwap';
export { WindowMax } from './window-max';
export { Wma } from './wma';
