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
 * Batch helpers: a whole series through the streaming class, so a chart's history and its live
 * updates come from the same code. Each returns Float64Arrays as long as the input, with NaN where
 * the indicator is still warming up. Inputs are columns (arrays of numbers), not bar objects.
 */

export type Series = ArrayLike<number>;
export type HighLow = { readonly high: Series; readonly low: Series };
export type HighLowClose = HighLow & { readonly close: Series };
export type HighLowCloseVolume = HighLowClose & { readonly volume: Series };
export type CloseVolume = { readonly close: Series; readonly volume: Series };

type Single = { update(value: number): number | undefined };

function single(values: Series, indicator: Single): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = indicator.update(values[i] as number) ?? Number.NaN;
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
    const v = ind.update(values[i] as number);
    if (v === undefined) continue;
    out.macd[i] = v.macd;
    out.signal[i] = v.signal;
    out.histogram[i] = v.histogram;
  }
  return out;
}

export function bollingerSeries(values: Series, period = 20, multiplier = 2) {
  const ind = new Bollinger(period, multiplier);
  const out = columns(['middle', 'upper', 'lower'], values.length);
  for (let i = 0; i < values.length; i++) {
    const v = ind.update(values[i] as number);
    if (v === undefined) continue;
    out.middle[i] = v.middle;
    out.upper[i] = v.upper;
    out.lower[i] = v.lower;
  }
  return out;
}

export function atrSeries(bars: HighLowClose, period = 14): Float64Array {
  const n = columnsLength(bars);
  const ind = new Atr(period);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = ind.update(bars.high[i] as number, bars.low[i] as number, bars.close[i] as number) ?? Number.NaN;
  }
  return out;
}

export function stochasticSeries(bars: HighLowClose, kPeriod = 14, dPeriod = 3, smoothK = 1) {
  const n = columnsLength(bars);
  const ind = new Stochastic(kPeriod, dPeriod, smoothK);
  const out = columns(['k', 'd'], n);
  for (let i = 0; i < n; i++) {
    const v = ind.update(bars.high[i] as number, bars.low[i] as number, bars.close[i] as number);
    if (v === undefined) continue;
    out.k[i] = v.k;
    out.d[i] = v.d;
  }
  return out;
}

export function adxSeries(bars: HighLowClose, period = 14) {
  const n = columnsLength(bars);
  const ind = new Adx(period);
  const out = columns(['adx', 'plusDi', 'minusDi'], n);
  for (let i = 0; i < n; i++) {
    const v = ind.update(bars.high[i] as number, bars.low[i] as number, bars.close[i] as number);
    if (v === undefined) continue;
    out.adx[i] = v.adx;
    out.plusDi[i] = v.plusDi;
    out.minusDi[i] = v.minusDi;
  }
  return out;
}

/** One session over the whole series, or a rolling window of `window` bars. */
export function vwapSeries(bars: HighLowCloseVolume, options: { window?: number } = {}): Float64Array {
  const n = columnsLength(bars);
  const ind = new Vwap(options);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = ind.update(
      bars.high[i] as number,
      bars.low[i] as number,
      bars.close[i] as number,
      bars.volume[i] as number,
    );
    out[i] = v ?? Number.NaN;
  }
  return out;
}

export function obvSeries(bars: CloseVolume): Float64Array {
  const n = columnsLength(bars);
  const ind = new Obv();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ind.update(bars.close[i] as number, bars.volume[i] as number) ?? Number.NaN;
  return out;
}

export function donchianSeries(bars: HighLow, period = 20) {
  const n = columnsLength(bars);
  const ind = new Donchian(period);
  const out = columns(['middle', 'upper', 'lower'], n);
  for (let i = 0; i < n; i++) {
    const v = ind.update(bars.high[i] as number, bars.low[i] as number);
    if (v === undefined) continue;
    out.middle[i] = v.middle;
    out.upper[i] = v.upper;
    out.lower[i] = v.lower;
  }
  return out;
}
