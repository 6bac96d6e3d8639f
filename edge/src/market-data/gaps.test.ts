import { expect, test } from 'vitest';
import type { Bar } from './bar';
import { findGaps, mergeBars } from './gaps';

const bar = (t: number, close = 100): Bar => [t, close, close, close, close, 1, 1];
const M = 60_000;

test('no bars: the whole range is one gap', () => {
  expect(findGaps([], 0, 5 * M, M)).toEqual([{ fromMs: 0, toMs: 5 * M }]);
});

test('complete bars: no gap', () => {
  expect(
    findGaps(
      [0, 1, 2].map((i) => bar(i * M)),
      0,
      3 * M,
      M,
    ),
  ).toEqual([]);
});

test('gaps at the start, in the middle and at the end are each reported as a run', () => {
  const bars = [2, 3, 6].map((i) => bar(i * M));
  expect(findGaps(bars, 0, 9 * M, M)).toEqual([
    { fromMs: 0, toMs: 2 * M },
    { fromMs: 4 * M, toMs: 6 * M },
    { fromMs: 7 * M, toMs: 9 * M },
  ]);
});

test('bars outside the range are ignored', () => {
  const bars = [-1, 0, 1, 5].map((i) => bar(i * M));
  expect(findGaps(bars, 0, 2 * M, M)).toEqual([]);
});

test('merge keeps time order and the primary bar on equal times', () => {
  const primary = [bar(0, 1), bar(2 * M, 1)];
  const secondary = [bar(0, 2), bar(M, 2), bar(3 * M, 2)];
  expect(mergeBars(primary, secondary).map((b) => [b[0], b[4]])).toEqual([
    [0, 1],
    [M, 2],
    [2 * M, 1],
    [3 * M, 2],
  ]);
});
