import { describe, expect, it } from 'vitest';
import { RECONNECT_DELAY_MS_MAX, RECONNECT_DELAY_MS_MIN, reconnectDelayMs } from './backoff';

describe('reconnectDelayMs', () => {
  it('starts between half the minimum and the minimum', () => {
    expect(reconnectDelayMs(0, 0)).toBe(RECONNECT_DELAY_MS_MIN / 2);
    expect(reconnectDelayMs(0, 1)).toBe(RECONNECT_DELAY_MS_MIN);
  });

  it('doubles the ceiling with every attempt', () => {
    const ceilings = [0, 1, 2, 3, 4].map((n) => reconnectDelayMs(n, 1));
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('never exceeds the maximum, even after very many attempts', () => {
    expect(reconnectDelayMs(6, 1)).toBe(RECONNECT_DELAY_MS_MAX);
    expect(reconnectDelayMs(10_000, 1)).toBe(RECONNECT_DELAY_MS_MAX);
    expect(reconnectDelayMs(10_000, 0)).toBe(RECONNECT_DELAY_MS_MAX / 2);
  });

  it('spreads clients over the upper half of the window (jitter), never to zero', () => {
    for (let i = 0; i <= 100; i++) {
      const d = reconnectDelayMs(3, i / 100);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
    expect(reconnectDelayMs(3, 0.25)).toBe(2500);
  });

  it('clamps a random value outside [0, 1] and a negative attempt', () => {
    expect(reconnectDelayMs(-3, 7)).toBe(RECONNECT_DELAY_MS_MIN);
    expect(reconnectDelayMs(0, -1)).toBe(RECONNECT_DELAY_MS_MIN / 2);
  });
});
