import { describe, expect, it } from 'vitest';
import { Bollinger } from './bollinger';

describe('Bollinger rounding guards', () => {
  it('a flat window after a volatile stretch has bands of zero width, exactly', () => {
    const b = new Bollinger(20, 2);
    for (let i = 0; i < 1_000; i++) b.next(50_000 + ((i * 7_919) % 1_000) / 7);
    for (let i = 0; i < 20; i++) b.next(50_123.45);
    expect([b.lower, b.middle, b.upper]).toEqual([50_123.45, 50_123.45, 50_123.45]);
    // One different close ends the flat window; replacing it back restores it.
    b.next(50_124);
    expect(b.upper).toBeGreaterThan(b.lower);
    b.replace(50_123.45);
    expect(b.upper - b.lower).toBe(0);
  });

  it('stays as exact as a two-pass computation over a long series', () => {
    const b = new Bollinger(20, 2);
    const xs: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const x = 1e6 + Math.sin(i) * 1e-3;
      xs.push(x);
      b.next(x);
    }
    const w = xs.slice(-20);
    const mean = w.reduce((a, x) => a + x, 0) / 20;
    const sd = Math.sqrt(w.reduce((a, x) => a + (x - mean) ** 2, 0) / 20);
    expect(Math.abs((b.upper - b.middle) / 2 - sd)).toBeLessThan(1e-12 * 1e6);
  });
});
