import { expect, test } from 'vitest';
import { prependBars, toChartBars } from './bars';

test('ticks and lots become display numbers without float noise, times in seconds', () => {
  expect(toChartBars([[60_000, 4200010, 4201000, 4199000, 4200550, 12345, 3]], '0.01', '0.0001')).toEqual([
    { time: 60, open: 42000.1, high: 42010, low: 41990, close: 42005.5, volume: 1.2345 },
  ]);
  expect(toChartBars([[0, 3, 3, 3, 3, 3, 0]], '0.1', '1')[0]?.close).toBe(0.3);
});

test('older pages go in front and the seam has no duplicate', () => {
  const bar = (time: number) => ({ time, open: 1, high: 1, low: 1, close: 1, volume: 0 });
  expect(prependBars([bar(1), bar(2), bar(3)], [bar(3), bar(4)]).map((b) => b.time)).toEqual([1, 2, 3, 4]);
});
