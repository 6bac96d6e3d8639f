import fc from 'fast-check';
import { Adx } from '../adx';
import { Atr } from '../atr';
import { Bollinger } from '../bollinger';
import { Donchian } from '../donchian';
import { Ema } from '../ema';
import { Macd } from '../macd';
import { Obv } from '../obv';
import { Rsi } from '../rsi';
import { Sma } from '../sma';
import { Stochastic } from '../stochastic';
import { Vwap } from '../vwap';
import { Wma } from '../wma';
import {
  type Bar,
  naiveAdx,
  naiveAtr,
  naiveBollinger,
  naiveDonchian,
  naiveEma,
  naiveMacd,
  naiveObv,
  naiveRsi,
  naiveSma,
  naiveStochastic,
  naiveVwap,
  naiveWma,
  type Row,
} from './naive';

/**
 * One entry per indicator for the shared property suite: how to build it from random parameters,
 * what one bar of input looks like, the output fields in order, and its naive definition.
 */

// Method syntax (bivariant parameters) lets every indicator's update/replace fit one shape.
export type AnyIndicator = {
  next(...a: number[]): number;
  replaceNext(...a: number[]): number;
  update(...a: number[]): unknown;
  replace(...a: number[]): unknown;
  reset(): void;
  isReady: boolean;
  value: unknown;
  warmUp: number;
};

export type Case = {
  readonly name: string;
  readonly bar: fc.Arbitrary<Bar>;
  readonly params: fc.Arbitrary<number[]>;
  readonly make: (p: number[]) => AnyIndicator;
  /** Output fields of a multi-line indicator, the main line (what `next` returns) first. */
  readonly fields: readonly string[] | null;
  readonly naive: (bars: readonly Bar[], p: number[]) => Row[];
};

// Prices in cents around 100 so that ties (flat closes, equal highs) happen often.
const price = fc.integer({ min: 9_500, max: 10_500 }).map((c) => c / 100);
const volume = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000 }));
const close: fc.Arbitrary<Bar> = price.map((c) => [c]);
const hlcBar = fc
  .tuple(
    price,
    fc.integer({ min: 0, max: 300 }),
    fc.integer({ min: 0, max: 300 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  )
  .map(([mid, up, down, f]): Bar => {
    const high = mid + up / 100;
    const low = mid - down / 100;
    return [high, low, low + f * (high - low)];
  });
const hlBar = hlcBar.map(([h = 0, l = 0]): Bar => [h, l]);
const hlcvBar = fc.tuple(hlcBar, volume).map(([b, v]): Bar => [...b, v]);
const cvBar = fc.tuple(price, volume).map(([c, v]): Bar => [c, v]);

const period = (max = 20) => fc.integer({ min: 1, max });
const one = (p: number[]) => p[0] as number;

export const CASES: readonly Case[] = [
  {
    name: 'Sma',
    bar: close,
    params: fc.tuple(period()),
    make: (p) => new Sma(one(p)),
    fields: null,
    naive: (b, p) =>
      naiveSma(
        b.map((x) => x[0] as number),
        one(p),
      ),
  },
  {
    name: 'Ema',
    bar: close,
    params: fc.tuple(period()),
    make: (p) => new Ema(one(p)),
    fields: null,
    naive: (b, p) =>
      naiveEma(
        b.map((x) => x[0] as number),
        one(p),
      ),
  },
  {
    name: 'Wma',
    bar: close,
    params: fc.tuple(period()),
    make: (p) => new Wma(one(p)),
    fields: null,
    naive: (b, p) =>
      naiveWma(
        b.map((x) => x[0] as number),
        one(p),
      ),
  },
  {
    name: 'Rsi',
    bar: close,
    params: fc.tuple(period()),
    make: (p) => new Rsi(one(p)),
    fields: null,
    naive: (b, p) =>
      naiveRsi(
        b.map((x) => x[0] as number),
        one(p),
      ),
  },
  {
    name: 'Macd',
    bar: close,
    params: fc.tuple(period(8), fc.integer({ min: 1, max: 10 }), period(8)).map(([f, gap, s]) => [f, f + gap, s]),
    make: ([f = 0, s = 0, g = 0]) => new Macd(f, s, g),
    fields: ['macd', 'signal', 'histogram'],
    naive: (b, [f = 0, s = 0, g = 0]) =>
      naiveMacd(
        b.map((x) => x[0] as number),
        f,
        s,
        g,
      ),
  },
  {
    name: 'Bollinger',
    bar: close,
    params: fc.tuple(period(), fc.constantFrom(1, 2, 2.5)),
    make: ([n = 0, k = 0]) => new Bollinger(n, k),
    fields: ['middle', 'upper', 'lower'],
    naive: (b, [n = 0, k = 0]) =>
      naiveBollinger(
        b.map((x) => x[0] as number),
        n,
        k,
      ),
  },
  {
    name: 'Atr',
    bar: hlcBar,
    params: fc.tuple(period()),
    make: (p) => new Atr(one(p)),
    fields: null,
    naive: (b, p) => naiveAtr(b, one(p)),
  },
  {
    name: 'Stochastic',
    bar: hlcBar,
    params: fc.tuple(period(), period(5), period(5)),
    make: ([k = 0, d = 0, s = 0]) => new Stochastic(k, d, s),
    fields: ['k', 'd'],
    naive: (b, [k = 0, d = 0, s = 0]) => naiveStochastic(b, k, d, s),
  },
  {
    name: 'Vwap',
    bar: hlcvBar,
    params: fc.tuple(fc.integer({ min: 0, max: 15 })),
    make: (p) => new Vwap(one(p) === 0 ? {} : { window: one(p) }),
    fields: null,
    naive: (b, p) => naiveVwap(b, one(p)),
  },
  {
    name: 'Adx',
    bar: hlcBar,
    params: fc.tuple(period(12)),
    make: (p) => new Adx(one(p)),
    fields: ['adx', 'plusDi', 'minusDi'],
    naive: (b, p) => naiveAdx(b, one(p)),
  },
  { name: 'Obv', bar: cvBar, params: fc.constant([]), make: () => new Obv(), fields: null, naive: (b) => naiveObv(b) },
  {
    name: 'Donchian',
    bar: hlBar,
    params: fc.tuple(period()),
    make: (p) => new Donchian(one(p)),
    fields: ['middle', 'upper', 'lower'],
    naive: (b, p) => naiveDonchian(b, one(p)),
  },
];

/** A streaming result as a row of numbers (copied: result objects are reused by the indicator). */
export function toRow(out: unknown, fields: readonly string[] | null): Row {
  if (out === undefined) return undefined;
  if (fields === null) return [out as number];
  const o = out as Record<string, number>;
  return fields.map((f) => o[f] as number);
}
