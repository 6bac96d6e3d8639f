import { expect, test } from 'vitest';
import { LiveBars } from './live-bars';

const M = 60_000;
const T = 1_764_000_000_000 - (1_764_000_000_000 % M);

test('trades in the last bar update it; a later one opens a new bar; an older one is ignored', () => {
  const live = new LiveBars(M, { time: T / 1000, open: 10, high: 11, low: 9, close: 10, volume: 1 });
  expect(live.apply(12, 2, T + 5_000)).toEqual({
    bar: { time: T / 1000, open: 10, high: 12, low: 9, close: 12, volume: 3 },
    opened: false,
  });
  expect(live.apply(8, 1, T + 59_999)?.bar).toMatchObject({ low: 8, close: 8, volume: 4 });
  expect(live.apply(9, 1, T - 1)).toBeNull();
  expect(live.apply(9.5, 0.5, T + M + 1)).toEqual({
    bar: { time: (T + M) / 1000, open: 9.5, high: 9.5, low: 9.5, close: 9.5, volume: 0.5 },
    opened: true,
  });
  expect(live.last?.time).toBe((T + M) / 1000);
});

test('with no history the first trade opens the first bar; nonsense prices are ignored', () => {
  const live = new LiveBars(1_000, null);
  expect(live.apply(Number.NaN, 1, T)).toBeNull();
  expect(live.apply(-1, 1, T)).toBeNull();
  expect(live.apply(5, 1, T + 1_500)?.opened).toBe(true);
  expect(live.last?.time).toBe((T + 1_000) / 1000);
});
