import { expect, test } from 'vitest';
import { manualClock } from '../../clock';
import { LruCache } from './lru';

test('an entry is fresh, then stale, then gone', () => {
  const clock = manualClock(0);
  const cache = new LruCache<string>({ entriesMax: 4, nowMs: clock.nowMs });
  cache.set('k', 'v', 100, 50);
  expect(cache.get('k')).toEqual({ state: 'fresh', value: 'v' });
  clock.advanceMs(99);
  expect(cache.get('k').state).toBe('fresh');
  clock.advanceMs(1);
  expect(cache.get('k')).toEqual({ state: 'stale', value: 'v' });
  clock.advanceMs(49);
  expect(cache.get('k').state).toBe('stale');
  clock.advanceMs(1);
  expect(cache.get('k').state).toBe('miss');
  expect(cache.size).toBe(0);
});

test('holds entriesMax entries; one more evicts the least recently used', () => {
  const clock = manualClock(0);
  const cache = new LruCache<number>({ entriesMax: 3, nowMs: clock.nowMs });
  for (const k of ['a', 'b', 'c']) cache.set(k, 1, 1000, 0);
  expect(cache.size).toBe(3);
  cache.get('a'); // a is now the most recently used; b the least
  cache.set('d', 1, 1000, 0);
  expect(cache.size).toBe(3);
  expect(cache.get('b').state).toBe('miss');
  expect(['a', 'c', 'd'].map((k) => cache.get(k).state)).toEqual(['fresh', 'fresh', 'fresh']);
});

test('refuses a non-positive bound', () => {
  expect(() => new LruCache({ entriesMax: 0, nowMs: () => 0 })).toThrow();
});
