import { describe, expect, it } from 'vitest';
import {
  Adx,
  adxSeries,
  atrSeries,
  bollingerSeries,
  donchianSeries,
  emaSeries,
  Macd,
  macdSeries,
  obvSeries,
  rsiSeries,
  smaSeries,
  stochasticSeries,
  vwapSeries,
  wmaSeries,
} from './index';
import { naiveAdx, naiveMacd, naiveStochastic } from './testing/naive';

/**
 * Published reference values and hand-worked examples, warm-up included (NaN until the first value).
 *
 * Sources. StockCharts ChartSchool publishes a spreadsheet per indicator. The cs-rsi sheet was read
 * through a public copy (vdocuments.mx/cs-rsi.html); the cs-movavg (SMA/EMA), cs-bollinger and
 * cs-atr tables were not reachable directly and are taken as reproduced, identically, in several
 * public test suites (one of them citing the ChartSchool ATR page as its source). The sheets compute
 * from unrounded prices but print prices and results to 2 decimals, hence a tolerance of 0.0101
 * (half a cent from the printed inputs, half a cent from the printed result).
 *
 * For WMA, MACD, Stochastic, ADX, OBV, VWAP and Donchian no published table could be obtained with
 * the tools available here: those tests use small examples worked by hand in the comments, and the
 * longer checks compare with the independent naive definitions in testing/naive.ts.
 */

const PRINTED = 0.0101;

function expectSeries(actual: ArrayLike<number>, warmUp: number, expected: readonly number[], tol: number): void {
  expect(actual.length).toBe(warmUp + expected.length);
  for (let i = 0; i < warmUp; i++) expect(actual[i], `index ${i} is warm-up`).toBeNaN();
  expected.forEach((want, j) => {
    const got = actual[warmUp + j] as number;
    expect(Math.abs(got - want), `index ${warmUp + j}: ${got} vs ${want}`).toBeLessThanOrEqual(tol);
  });
}

// StockCharts ChartSchool "Moving Averages - Simple and Exponential": Intel closes, 10-day SMA/EMA.
const INTC = [
  22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39, 22.38, 22.61, 23.36, 24.05, 23.75,
  23.83, 23.95, 23.63, 23.82, 23.87, 23.65, 23.19, 23.1, 23.33, 22.68, 23.1, 22.4, 22.17,
];
const INTC_SMA10 = [
  22.22, 22.21, 22.23, 22.26, 22.31, 22.42, 22.61, 22.77, 22.91, 23.08, 23.21, 23.38, 23.53, 23.65, 23.71, 23.69, 23.61,
  23.51, 23.43, 23.28, 23.13,
];
const INTC_EMA10 = [
  22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.8, 22.97, 23.13, 23.28, 23.34, 23.43, 23.51, 23.54, 23.47, 23.4, 23.39,
  23.26, 23.23, 23.08, 22.92,
];

describe('published StockCharts ChartSchool tables', () => {
  it('SMA(10) of the cs-movavg closes: first value on bar 10', () => {
    expectSeries(smaSeries(INTC, 10), 9, INTC_SMA10, PRINTED);
  });

  it('EMA(10) of the cs-movavg closes, seeded with the SMA on bar 10', () => {
    expectSeries(emaSeries(INTC, 10), 9, INTC_EMA10, PRINTED);
  });

  it('RSI(14) of the cs-rsi QQQQ closes: first value on bar 15', () => {
    const closes = [
      44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0,
      46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18, 44.22, 44.57, 43.42, 42.66,
      43.13,
    ];
    const published = [
      70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46,
      37.3, 33.08, 37.77,
    ];
    // The sheet's own change column differs from its printed closes (45.42 − 45.10 is printed as
    // 0.33: the unrounded closes differ by more than 0.325), so RSI from the printed closes lands up
    // to 0.07 from the printed RSI: first value 100·3.34/(3.34 + 1.40) = 70.46 by hand, 70.53 printed.
    expectSeries(rsiSeries(closes, 14), 14, published, 0.08);
    expect(rsiSeries(closes, 14)[14]).toBeCloseTo((100 * 3.34) / (3.34 + 1.4), 10);
  });

  it('Bollinger Bands(20, 2) of the cs-bollinger closes (population standard deviation)', () => {
    const closes = [
      86.16, 89.09, 88.78, 90.32, 89.07, 91.15, 89.44, 89.18, 86.93, 87.68, 86.96, 89.43, 89.32, 88.72, 87.45, 87.26,
      89.5, 87.9, 89.13, 90.7, 92.9, 92.98, 91.8, 92.66, 92.68, 92.3, 92.77, 92.54, 92.95, 93.2, 91.07, 89.83, 89.74,
      90.4, 90.74, 88.02, 88.09, 88.84, 90.78, 90.54, 91.39, 90.65,
    ];
    const middle = [
      88.71, 89.05, 89.24, 89.39, 89.51, 89.69, 89.75, 89.91, 90.08, 90.38, 90.66, 90.86, 90.88, 90.9, 90.99, 91.15,
      91.19, 91.12, 91.17, 91.25, 91.24, 91.17, 91.05,
    ];
    const upper = [
      91.29, 91.95, 92.61, 92.93, 93.31, 93.73, 93.9, 94.26, 94.56, 94.79, 95.04, 94.91, 94.9, 94.89, 94.86, 94.67,
      94.55, 94.68, 94.57, 94.53, 94.53, 94.37, 94.15,
    ];
    const lower = [
      86.13, 86.14, 85.87, 85.85, 85.7, 85.65, 85.59, 85.56, 85.6, 85.98, 86.27, 86.82, 86.86, 86.91, 87.12, 87.63,
      87.83, 87.56, 87.76, 87.97, 87.95, 87.96, 87.95,
    ];
    const bb = bollingerSeries(closes, 20, 2);
    expectSeries(bb.middle, 19, middle, PRINTED);
    expectSeries(bb.upper, 19, upper, PRINTED);
    expectSeries(bb.lower, 19, lower, PRINTED);
  });

  it('ATR(14) of the cs-atr QQQ bars: first value (mean of 14 TRs, the first one high − low) on bar 14', () => {
    const high = [
      48.7, 48.72, 48.9, 48.87, 48.82, 49.05, 49.2, 49.35, 49.92, 50.19, 50.12, 49.66, 49.88, 50.19, 50.36, 50.57,
      50.65, 50.43, 49.63, 50.33, 50.29, 50.17, 49.32, 48.5, 48.32, 46.8, 47.8, 48.39, 48.66, 48.79,
    ];
    const low = [
      47.79, 48.14, 48.39, 48.37, 48.24, 48.64, 48.94, 48.86, 49.5, 49.87, 49.2, 48.9, 49.43, 49.73, 49.26, 50.09, 50.3,
      49.21, 48.98, 49.61, 49.2, 49.43, 48.08, 47.64, 41.55, 44.28, 47.31, 47.2, 47.9, 47.73,
    ];
    const close = [
      48.16, 48.61, 48.75, 48.63, 48.74, 49.03, 49.07, 49.32, 49.91, 50.13, 49.53, 49.5, 49.75, 50.03, 50.31, 50.52,
      50.41, 49.34, 49.37, 50.23, 49.24, 49.93, 48.43, 48.18, 46.57, 45.41, 47.77, 47.72, 48.62, 47.85,
    ];
    const published = [
      0.56, 0.59, 0.59, 0.57, 0.62, 0.62, 0.64, 0.67, 0.69, 0.78, 0.78, 1.21, 1.3, 1.38, 1.37, 1.34, 1.32,
    ];
    expectSeries(atrSeries({ high, low, close }, 14), 13, published, PRINTED);
  });
});

describe('hand-worked examples (no published table obtained; arithmetic in the comments)', () => {
  it('WMA(3) of 1..5: (1·1 + 2·2 + 3·3)/6 = 14/6, then 20/6, 26/6', () => {
    expectSeries(wmaSeries([1, 2, 3, 4, 5], 3), 2, [14 / 6, 20 / 6, 26 / 6], 1e-12);
  });

  it('MACD(2, 3, 2) of 1, 3, 2, 5, 4, 6', () => {
    // EMA2 (α = 2/3, seed (1+3)/2 = 2): 2, 2, 4, 4, 5.3333 from bar 2.
    // EMA3 (α = 1/2, seed (1+3+2)/3 = 2): 2, 3.5, 3.75, 4.875 from bar 3.
    // Line from bar 3: 0, 0.5, 0.25, 0.458333. Signal (seed (0 + 0.5)/2 = 0.25) from bar 4:
    // 0.25, 0.25, 0.25 + 2/3·(0.458333 − 0.25) = 0.388889. Histogram: 0.25, 0, 0.069444.
    const closes = [1, 3, 2, 5, 4, 6];
    const m = macdSeries(closes, 2, 3, 2);
    // In fractions on bar 6: line 16/3 − 39/8 = 11/24, signal 1/4 + 2/3·(11/24 − 1/4) = 7/18, histogram 5/72.
    expectSeries(m.macd, 3, [0.5, 0.25, 11 / 24], 1e-12);
    expectSeries(m.signal, 3, [0.25, 0.25, 7 / 18], 1e-12);
    expectSeries(m.histogram, 3, [0.25, 0, 5 / 72], 1e-12);
    expect(new Macd(2, 3, 2).warmUp).toBe(4);
    expect(naiveMacd(closes, 2, 3, 2)[5]).toEqual(
      [m.macd[5], m.signal[5], m.histogram[5]].map((x) => expect.closeTo(x as number, 12)),
    );
  });

  it('Stochastic(3, 2): raw %K = 100·(10 − 8)/(12 − 8) = 50 on bar 3, 100·(12 − 9)/(13 − 9) = 75 on bar 4; %D = 62.5', () => {
    const bars = { high: [10, 12, 11, 13], low: [8, 9, 9, 10], close: [9, 11, 10, 12] };
    const s = stochasticSeries(bars, 3, 2);
    expectSeries(s.k, 3, [75], 1e-12);
    expectSeries(s.d, 3, [62.5], 1e-12);
  });

  it('Stochastic(5, 3, 3) (slow) agrees with the naive definition on a 40-bar zig-zag', () => {
    const high = Array.from({ length: 40 }, (_, i) => 100 + ((i * 7) % 11));
    const low = high.map((h, i) => h - 1 - (i % 3));
    const close = low.map((l, i) => l + (i % 2));
    const s = stochasticSeries({ high, low, close }, 5, 3, 3);
    const naive = naiveStochastic(
      high.map((h, i) => [h, low[i] as number, close[i] as number]),
      5,
      3,
      3,
    );
    naive.forEach((row, i) => {
      if (row === undefined) expect(s.k[i]).toBeNaN();
      else expect([s.k[i], s.d[i]]).toEqual(row.map((x) => expect.closeTo(x, 9)));
    });
  });

  it('ADX(2): DI on bar 3, ADX = (0 + 50)/2 = 25 on bar 4', () => {
    // Moves from bar 2: TR 3, 4, 5; +DM 2, 0, 2; −DM 0, 2, 0.
    // Bar 3: TR 3.5, +DM 1, −DM 1 → +DI = −DI = 28.57, DX = 0.
    // Bar 4: TR (3.5 + 5)/2 = 4.25, +DM 1.5, −DM 0.5 → +DI 35.29, −DI 11.76, DX = 50; ADX = 25.
    const bars = { high: [10, 12, 11, 13], low: [8, 9, 7, 10], close: [9, 11, 8, 12] };
    const a = adxSeries(bars, 2);
    expectSeries(a.adx, 3, [25], 1e-12);
    expectSeries(a.plusDi, 3, [150 / 4.25], 1e-12);
    expectSeries(a.minusDi, 3, [50 / 4.25], 1e-12);
    expect(new Adx(14).warmUp).toBe(28);
  });

  it('ADX(14) agrees with Wilder running-sum form (naive) on a 60-bar series', () => {
    const high = Array.from({ length: 60 }, (_, i) => 50 + Math.sin(i / 3) * 4 + i * 0.1);
    const low = high.map((h, i) => h - 1 - (i % 4) * 0.25);
    const close = low.map((l, i) => l + ((i * 5) % 7) * 0.1);
    const a = adxSeries({ high, low, close }, 14);
    const naive = naiveAdx(
      high.map((h, i) => [h, low[i] as number, close[i] as number]),
      14,
    );
    expect(naive.findIndex((r) => r !== undefined)).toBe(27);
    naive.forEach((row, i) => {
      if (row === undefined) expect(a.adx[i]).toBeNaN();
      else expect([a.adx[i], a.plusDi[i], a.minusDi[i]]).toEqual(row.map((x) => expect.closeTo(x, 9)));
    });
  });

  it('OBV: 0 on the first bar, then +200 (up), unchanged (flat), −400 (down), +500 (up)', () => {
    const obv = obvSeries({ close: [10, 11, 11, 10.5, 12], volume: [100, 200, 300, 400, 500] });
    expect([...obv]).toEqual([0, 200, 200, -200, 300]);
  });

  it('VWAP: session (10·100 + 11·300)/400 = 10.75; rolling 1 = the typical price; no volume = no value', () => {
    const bars = { high: [12, 13, 14], low: [8, 9, 10], close: [10, 11, 12], volume: [100, 300, 0] };
    expect([...vwapSeries(bars)]).toEqual([10, 10.75, 10.75]);
    const rolling = vwapSeries(bars, { window: 1 });
    expect([rolling[0], rolling[1]]).toEqual([10, 11]);
    expect(rolling[2]).toBeNaN();
  });

  it('Donchian(3): highest high 7 / lowest low 1 on bar 3, then 7/2, then 6/1', () => {
    const d = donchianSeries({ high: [5, 7, 6, 4, 3], low: [1, 2, 3, 2, 1] }, 3);
    expectSeries(d.upper, 2, [7, 7, 6], 0);
    expectSeries(d.lower, 2, [1, 2, 1], 0);
    expectSeries(d.middle, 2, [4, 4.5, 3.5], 0);
  });
});
