import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, percentilesSorted, quantileSorted, sampleStdev, shapeMoments } from './statistics';

describe('statistics', () => {
  it('mean and sample standard deviation of a hand-checked sample', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
    // sample variance 32/7, stdev √(32/7) = 2.138089935…
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(sampleStdev(xs)).toBeCloseTo(Math.sqrt(32 / 7), 15);
    expect(sampleStdev(xs)).toBeCloseTo(2.138089935, 9);
  });

  it('skewness and kurtosis of a hand-checked sample', () => {
    // 1, 2, 3, 10: mean 4; deviations −3, −2, −1, 6.
    // m2 = (9+4+1+36)/4 = 12.5; m3 = (−27−8−1+216)/4 = 45; m4 = (81+16+1+1296)/4 = 348.5.
    // skewness = 45 / 12.5^1.5 = 45 / 44.19417… = 1.0182338; kurtosis = 348.5 / 156.25 = 2.2304.
    const shape = shapeMoments([1, 2, 3, 10]);
    expect(shape?.skewness).toBeCloseTo(1.0182338, 6);
    expect(shape?.kurtosis).toBeCloseTo(2.2304, 12);
    expect(shapeMoments([4, 4, 4])).toBeNull();
  });

  it('type-7 quantiles of a hand-checked sample', () => {
    // sorted 10, 20, 30, 40, 50 (n = 5): h = 4q. q = 0.05 → h = 0.2 → 10 + 0.2 × 10 = 12;
    // q = 0.25 → h = 1 → 20; q = 0.5 → 30; q = 0.95 → h = 3.8 → 40 + 0.8 × 10 = 48.
    const p = percentilesSorted([10, 20, 30, 40, 50]);
    expect(p).toEqual({ p5: 12, p25: 20, p50: 30, p75: 40, p95: 48 });
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(quantileSorted([1, 2], 1)).toBe(2);
  });

  it('quantiles are monotone in q and lie within the sample (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, a, b) => {
          const sorted = Float64Array.from(xs).sort();
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(quantileSorted(sorted, lo)).toBeLessThanOrEqual(quantileSorted(sorted, hi));
          expect(quantileSorted(sorted, lo)).toBeGreaterThanOrEqual(sorted[0] as number);
          expect(quantileSorted(sorted, hi)).toBeLessThanOrEqual(sorted[sorted.length - 1] as number);
          const p = percentilesSorted(sorted);
          expect([p.p5, p.p25, p.p50, p.p75, p.p95]).toEqual([p.p5, p.p25, p.p50, p.p75, p.p95].sort((x, y) => x - y));
        },
      ),
      { seed: 12 },
    );
  });
});
