import { describe, expect, it } from 'vitest';
import {
  Adx,
  Atr,
  Bollinger,
  Donchian,
  Ema,
  IndicatorInputError,
  IndicatorParamError,
  MAX_BAND_MULTIPLIER,
  MAX_INDICATOR_PERIOD,
  Macd,
  Obv,
  Rsi,
  Sma,
  Stochastic,
  smaSeries,
  stochasticSeries,
  Vwap,
  Wma,
} from './index';

const BY_PERIOD: readonly [string, (n: number) => unknown][] = [
  ['Sma', (n) => new Sma(n)],
  ['Ema', (n) => new Ema(n)],
  ['Wma', (n) => new Wma(n)],
  ['Rsi', (n) => new Rsi(n)],
  ['Atr', (n) => new Atr(n)],
  ['Adx', (n) => new Adx(n)],
  ['Bollinger', (n) => new Bollinger(n)],
  ['Donchian', (n) => new Donchian(n)],
  ['Stochastic k', (n) => new Stochastic(n)],
  ['Stochastic d', (n) => new Stochastic(14, n)],
  ['Stochastic smoothK', (n) => new Stochastic(14, 3, n)],
  ['Macd signal', (n) => new Macd(12, 26, n)],
  ['Vwap window', (n) => new Vwap({ window: n })],
];

describe.each(BY_PERIOD)('%s period', (_name, make) => {
  it(`accepts 1 and MAX_INDICATOR_PERIOD (${MAX_INDICATOR_PERIOD})`, () => {
    expect(() => make(1)).not.toThrow();
    expect(() => make(MAX_INDICATOR_PERIOD)).not.toThrow();
  });

  it('refuses one past the limit, 0, negatives, fractions, NaN and Infinity with IndicatorParamError', () => {
    for (const bad of [MAX_INDICATOR_PERIOD + 1, 0, -3, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => make(bad)).toThrow(IndicatorParamError);
    }
  });
});

describe('other parameters', () => {
  it('Bollinger multiplier in (0, MAX_BAND_MULTIPLIER]', () => {
    expect(() => new Bollinger(20, MAX_BAND_MULTIPLIER)).not.toThrow();
    for (const bad of [0, -1, MAX_BAND_MULTIPLIER + 0.001, Number.NaN]) {
      expect(() => new Bollinger(20, bad)).toThrow(IndicatorParamError);
    }
  });

  it('MACD needs fast < slow', () => {
    expect(() => new Macd(25, 26, 9)).not.toThrow();
    expect(() => new Macd(26, 26, 9)).toThrow(IndicatorParamError);
    expect(() => new Macd(30, 26, 9)).toThrow(IndicatorParamError);
  });

  it('the error names the parameter and is a RangeError', () => {
    const e = (() => {
      try {
        new Sma(0);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toMatchObject({ name: 'IndicatorParamError', param: 'period', received: 0 });
  });

  it('series helpers refuse columns of different lengths', () => {
    expect(() => stochasticSeries({ high: [1, 2], low: [1], close: [1, 2] })).toThrow(IndicatorParamError);
  });
});

describe('inputs', () => {
  it('a negative or infinite volume is refused and changes nothing (VWAP, OBV)', () => {
    const vwap = new Vwap();
    vwap.update(11, 9, 10, 100);
    expect(() => vwap.update(11, 9, 10, -1)).toThrow(IndicatorInputError);
    expect(() => vwap.replace(11, 9, 10, Number.POSITIVE_INFINITY)).toThrow(IndicatorInputError);
    expect(vwap.value).toBe(10);
    const obv = new Obv();
    obv.update(10, 5);
    expect(() => obv.update(11, -5)).toThrow(IndicatorInputError);
    expect(obv.update(11, 5)).toBe(5);
  });

  it('replace() on an empty indicator is an update', () => {
    const a = new Sma(2);
    a.replace(4);
    expect(a.update(6)).toBe(5);
  });

  it('a series helper throws on a NaN in its input', () => {
    expect(() => smaSeries([1, Number.NaN, 3], 2)).toThrow(IndicatorInputError);
  });

  it('multi-line results are one object per indicator, overwritten by the next update', () => {
    const bb = new Bollinger(2, 1);
    const first = bb.update(1);
    const second = bb.update(3);
    expect(first).toBeUndefined();
    expect(second).toEqual({ middle: 2, upper: 3, lower: 1 });
    expect(bb.update(5)).toBe(second);
    expect(second).toEqual({ middle: 4, upper: 5, lower: 3 });
  });

  it('a rolling VWAP with fractional volumes has no value again once its window holds no volume', () => {
    const v = new Vwap({ window: 2 });
    v.update(10.1, 9.9, 10, 0.1);
    v.update(10.2, 10, 10.1, 0.7);
    v.update(10, 10, 10, 0);
    expect(v.update(10, 10, 10, 0)).toBeUndefined();
    expect(v.isReady).toBe(false);
    expect(v.update(12, 12, 12, 0.3)).toBe(12);
  });
});
