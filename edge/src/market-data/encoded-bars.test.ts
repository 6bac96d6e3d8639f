import { expect, test } from 'vitest';
import type { Bar } from './bar';
import { encodedSlice, joinSlices } from './encoded-bars';

const bars: Bar[] = Array.from({ length: 7 }, (_, i) => [i * 1000, 10 + i, 12 + i, 9 + i, 11 + i, i * 3, i]);

test('every slice of the cached text parses to the same bars as slicing the array', () => {
  for (let from = 0; from <= bars.length; from += 1) {
    for (let to = from; to <= bars.length; to += 1) {
      expect(JSON.parse(joinSlices([encodedSlice(bars, from, to)]))).toEqual(bars.slice(from, to));
    }
  }
});

test('slices of several chunks join into one array; empty slices leave no stray comma', () => {
  const other: Bar[] = [[99_000, 1, 1, 1, 1, 0, 0]];
  const text = joinSlices([encodedSlice(bars, 5, 7), encodedSlice(bars, 0, 0), encodedSlice(other, 0, 1)]);
  expect(JSON.parse(text)).toEqual([...bars.slice(5), ...other]);
  expect(joinSlices([])).toBe('[]');
});

test('a slice outside the bars is a bug, not an answer', () => {
  expect(() => encodedSlice(bars, 3, 8)).toThrow();
  expect(() => encodedSlice(bars, 4, 3)).toThrow();
});
