import { rsiSeries, smaSeries } from '@tradewind/shared/indicators';
import { expect, test } from 'vitest';
import { IndicatorSet, STUDY_PARAMS } from './indicator-set';

const closes = Array.from({ length: 120 }, (_, i) => 100 + Math.sin(i / 5) * 10 + i / 10);

test('history values equal the shared batch helpers', () => {
  const points = new IndicatorSet().reset(closes);
  const sma = smaSeries(closes, STUDY_PARAMS.sma);
  const rsi = rsiSeries(closes, STUDY_PARAMS.rsi);
  points.forEach((p, i) => {
    expect(p.sma).toBe(sma[i]);
    expect(p.rsi).toBe(rsi[i]);
  });
  expect(Number.isNaN(points[0]?.sma)).toBe(true);
  expect(Number.isNaN(points[119]?.macd)).toBe(false);
});

test('replace() on the forming bar gives what a history ending in that close gives', () => {
  const set = new IndicatorSet();
  set.reset(closes.slice(0, -1));
  set.push(1);
  const live = set.replace(closes.at(-1) as number);
  const fresh = new IndicatorSet().reset(closes).at(-1);
  expect(live.sma).toBeCloseTo(fresh?.sma as number, 9);
  expect(live.bbUpper).toBeCloseTo(fresh?.bbUpper as number, 9);
  expect(live.macdHist).toBeCloseTo(fresh?.macdHist as number, 9);
});
