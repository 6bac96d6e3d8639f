import { expect, test } from 'vitest';
import { type FineBar, LiveBars } from './live-bars';

const M = 60_000;
const T = 1_764_000_000_000 - (1_764_000_000_000 % M);
const fine = (timeMs: number, close: number, volume = 1): FineBar => ({
  timeMs,
  open: close,
  high: close + 1,
  low: close - 1,
  close,
  volume,
});

test('1-second bars inside the last bar update it; a later one opens a new bar; an older one is ignored', () => {
  const live = new LiveBars(M, null);
  expect(live.apply(fine(T, 10))).toEqual({
    bar: { time: T / 1000, open: 10, high: 11, low: 9, close: 10, volume: 1 },
    opened: true,
  });
  expect(live.apply(fine(T + 5_000, 12, 2))).toEqual({
    bar: { time: T / 1000, open: 10, high: 13, low: 9, close: 12, volume: 3 },
    opened: false,
  });
  expect(live.apply(fine(T + 59_000, 8))?.bar).toMatchObject({ low: 7, close: 8, volume: 4 });
  expect(live.apply(fine(T + 30_000, 99))).toBeNull(); // late
  expect(live.apply(fine(T + 59_000, 99))).toBeNull(); // a repeat
  expect(live.apply(fine(T + M, 9.5, 0.5))).toEqual({
    bar: { time: (T + M) / 1000, open: 9.5, high: 10.5, low: 8.5, close: 9.5, volume: 0.5 },
    opened: true,
  });
  expect(live.last?.time).toBe((T + M) / 1000);
});

test('a closed history bar counts as folded: its seconds never add to it again', () => {
  const live = new LiveBars(M, { time: T / 1000, open: 10, high: 11, low: 9, close: 10, volume: 1 });
  expect(live.apply(fine(T + 59_000, 50))).toBeNull();
  expect(live.apply(fine(T + M, 12))?.opened).toBe(true);
});

test('nonsense prices and volumes are ignored', () => {
  const live = new LiveBars(1_000, null);
  expect(live.apply(fine(T, Number.NaN))).toBeNull();
  expect(live.apply(fine(T, -1))).toBeNull();
  expect(live.apply({ ...fine(T, 5), volume: -1 })).toBeNull();
  expect(live.apply(fine(T + 1_000, 5))?.opened).toBe(true);
});
