import { Adx } from './adx';
import { Atr } from './atr';
import { Bollinger } from './bollinger';
import { Donchian } from './donchian';
import { Ema } from './ema';
import { IndicatorParamError } from './errors';
import { Macd } from './macd';
import { Obv } from './obv';
import { Rsi } from './rsi';
import { Sma } from './sma';
import { Stochastic } from './stochastic';
import { Vwap } from './vwap';
import { Wma } from './wma';

/**
 * Batch helpers: a whole series through the streaming class's `next` (no allocation per bar), so a chart's history and its live
 * updates come from the same code. Each returns Float64Arrays as long as the input, with NaN where
 * the indicator is still warming up. Inputs are columns (arrays of numbers), not bar objects.
 */

export type Series = ArrayLike<number>;
export type HighLow = { readonly high: Series; readonly low: Series };
export type HighLowClose = HighLow & { readonly close: Series };
export type HighLowCloseVolume = HighLowClose & { readonly volume: Series };
export type CloseVolume = { readonly close: Series; readonly volume: Series };

type Single = { next(value: number): number };

function single(values: Series, indicator: Single): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = indicator.next(values[i] as number);
  return out;
}

/** Throws IndicatorParamError unless every column has the same length; returns that length. */
function columnsLength(columns: Record<string, Series>): number {
  const lengths = Object.values(columns).map((c) => c.length);
  const n = lengths[0] ?? 0;
  if (lengths.some((l) => l !== n)) {
    throw new IndicatorParamError('columns', lengths.join(','), 'columns of equal length');
  }
  return n;
}

function columns<K extends string>(names: readonly K[], length: number): Record<K, Float64Array> {
  const out = {} as Record<K, Float64Array>;
  for (const name of names) out[name] = new Float64Array(length).fill(Number.NaN);
  return out;
}

export const smaSeries = (values: Series, period: number): Float64Array => single(values, new Sma(period));
export const emaSeries = (values: Series, period: number): Float64Array => single(values, new Ema(period));
export const wmaSeries = (values: Series, period: number): Float64Array => single(values, new Wma(period));
export const rsiSeries = (values: Series, period = 14): Float64Array => single(values, new Rsi(period));

export function macdSeries(values: Series, fast = 12, slow = 26, signal = 9) {
  const ind = new Macd(fast, slow, signal);
  const out = columns(['macd', 'signal', 'histogram'], values.length);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(ind.next(values[i] as number))) continue;
    out.macd[i] = ind.macd;
    out.signal[i] = ind.signal;
    out.histogram[i] = ind.histogram;
  }
  return out;
}

export function bollingerSeries(values: Series, period = 20, multiplier = 2) {
  const ind = new Bollinger(period, multiplier);
  const out = columns(['middle', 'upper', 'lower'], values.length);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(ind.next(values[i] as number))) continue;
    out.middle[i] = ind.middle;
    out.upper[i] = ind.upper;
    out.lower[i] = ind.lower;
  }
  return out;
}

export function atrSeries(bars: HighLowClose, period = 14): Float64Array {
  const n = columnsLength(bars);
  const ind = new Atr(period);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = ind.next(bars.high[i] as number, bars.low[i] as number, bars.close[i] as number);
  }
  return out;
}

export function stochasticSeries(bars: HighLowClose, kPeriod = 14, dPeriod = 3, smoothK = 1) {
  const n = columnsLength(bars);
  const ind = new Stochastic(kPeriod, dPeriod, smoothK);
  const out = columns(['k', 'd'], n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(ind.next(bars.high[i] as number, bars.low[i] as number, bars.close[i] as number))) continue;
    out.k[i] = ind.k;
    out.d[i] = ind.d;
  }
  return out;
}

export function adxSeries(bars: HighLowClose, period = 14) {
  const n = columnsLength(bars);
  const ind = new Adx(period);
  const out = columns(['adx', 'plusDi', 'minusDi'], n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(ind.next(bars.high[i] as number, bars.low[i] as number, bars.close[i] as number))) continue;
    out.adx[i] = ind.adx;
    out.plusDi[i] = ind.plusDi;
    out.minusDi[i] = ind.minusDi;
  }
  return out;
}

/** One session over the whole series, or a rolling window of `window` bars. */
export function vwapSeries(bars: HighLowCloseVolume, options: { window?: number } = {}): Float64Array {
  const n = columnsLength(bars);
  const ind = new Vwap(options);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = ind.next(bars.high[i] as number, bars.low[i] as number, bars.close[i] as number, bars.volume[i] as number);
  }
  return out;
}

export function obvSeries(bars: CloseVolume): Float64Array {
  const n = columnsLength(bars);
  const ind = new Obv();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ind.next(bars.close[i] as number, bars.volume[i] as number);
  return out;
}

export function donchianSeries(bars: HighLow, period = 20) {
  const n = columnsLength(bars);
  const ind = new Donchian(period);
  const out = columns(['middle', 'upper', 'lower'], n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(ind.next(bars.high[i] as number, bars.low[i] as number))) continue;
    out.middle[i] = ind.middle;
    out.upper[i] = ind.upper;
    out.lower[i] = ind.lower;
  }
  return out;
}
