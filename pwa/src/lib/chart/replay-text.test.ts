import { expect, test } from 'vitest';
import { parseSpeed, progressOf, replayTime, speedLabel, statusOfView } from './replay-text';

test('speeds: the offered ones parse, anything else does not', () => {
  expect(parseSpeed('10')).toBe(10);
  expect(parseSpeed('max')).toBe('max');
  expect(parseSpeed('7')).toBeNull();
  expect([speedLabel(1), speedLabel('max')]).toEqual(['1×', 'Max']);
});

test('progress is the share of the range played, clamped', () => {
  expect(progressOf({ fromMs: 1000, toMs: 3000, positionMs: 2000 })).toBe(0.5);
  expect(progressOf({ fromMs: 1000, toMs: 3000, positionMs: 0 })).toBe(0);
  expect(progressOf({ fromMs: 1000, toMs: 3000, positionMs: 9000 })).toBe(1);
  expect(replayTime(Date.UTC(2026, 10, 20, 9, 30, 5))).toBe('2026-11-20 09:30:05 UTC');
});

test("edge's view reads like a status frame", () => {
  const v = {
    id: 'a',
    symbol: 'BTC-USD',
    replaySymbol: 'BTC-USD@a',
    fromMs: 1,
    toMs: 2,
    speed: 10,
    state: 'paused' as const,
    positionMs: 1,
    events: 0,
  };
  expect(statusOfView(v)).toMatchObject({ type: 'replay', symbol: 'BTC-USD@a', state: 'paused', speed: 10 });
});
