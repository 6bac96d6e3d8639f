import { expect, test } from 'vitest';
import { manualClock } from '../clock';
import { TokenBucket } from './rate-limit';

test('a burst of `burst` requests passes, the next waits for a token', () => {
  const clock = manualClock(0);
  const bucket = new TokenBucket({ ratePerS: 2, burst: 3, nowMs: clock.nowMs });
  expect([1, 2, 3].map(() => bucket.tryTake())).toEqual([true, true, true]);
  expect(bucket.tryTake()).toBe(false);
  clock.advanceMs(499);
  expect(bucket.tryTake()).toBe(false);
  clock.advanceMs(1);
  expect(bucket.tryTake()).toBe(true);
  expect(bucket.tryTake()).toBe(false);
});

test('tokens never accumulate past the burst', () => {
  const clock = manualClock(0);
  const bucket = new TokenBucket({ ratePerS: 10, burst: 2, nowMs: clock.nowMs });
  clock.advanceMs(60_000);
  expect([1, 2, 3].map(() => bucket.tryTake())).toEqual([true, true, false]);
});
