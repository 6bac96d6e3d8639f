import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal';
import { deflatedSharpeRatio, expectedMaxSharpe, probabilisticSharpeRatio } from './sharpe-significance';

const normalSample = { sharpePerPeriod: 0.1, returnCount: 101, skewness: 0, kurtosis: 3 };

function value(r: ReturnType<typeof probabilisticSharpeRatio>): number | null {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('probabilistic and deflated Sharpe ratios', () => {
  it('PSR for normal returns by hand', () => {
    // SR 0.1, n 101, γ3 0, γ4 3: denominator √(1 − 0 + (3 − 1)/4 × 0.01) = √1.005 = 1.0024969;
    // z = 0.1 × √100 / 1.0024969 = 0.9975093; Φ(0.9975093) ≈ 0.84074.
    expect(value(probabilisticSharpeRatio(normalSample, 0))).toBeCloseTo(0.84074, 5);
    // Against a benchmark equal to the estimate the probability is one half.
    expect(value(probabilisticSharpeRatio(normalSample, 0.1))).toBe(0.5);
  });

  it('negative skew and fat tails lower the PSR of a positive Sharpe ratio', () => {
    const base = value(probabilisticSharpeRatio(normalSample, 0)) as number;
    const skewed = value(probabilisticSharpeRatio({ ...normalSample, skewness: -1 }, 0)) as number;
    const fat = value(probabilisticSharpeRatio({ ...normalSample, kurtosis: 10 }, 0)) as number;
    expect(skewed).toBeLessThan(base);
    expect(fat).toBeLessThan(base);
  });

  it('PSR is null when the variance term is not positive', () => {
    // 1 − γ3·SR + (γ4 − 1)/4·SR² with SR 2, γ3 2, γ4 1: 1 − 4 + 0 = −3.
    expect(value(probabilisticSharpeRatio({ sharpePerPeriod: 2, returnCount: 10, skewness: 2, kurtosis: 1 }, 0))).toBe(
      null,
    );
  });

  it('the expected maximum Sharpe of N trials by hand', () => {
    // N = 2, V = 1: (1 − γ)·Φ⁻¹(1/2) + γ·Φ⁻¹(1 − 1/(2e)) = 0 + 0.5772157 × Φ⁻¹(0.8160603).
    // Φ⁻¹ by one Newton step from 0.9: Φ(0.9) = 0.8159399, φ(0.9) = 0.2660852,
    //   0.9 + (0.8160603 − 0.8159399)/0.2660852 = 0.9004525; × 0.5772157 = 0.519755.
    // (The exact E[max of 2 normals] is 1/√π = 0.5642: the formula is an approximation for large N.)
    expect(expectedMaxSharpe(2, 1)).toBeCloseTo(0.519755, 5);
    expect(expectedMaxSharpe(1, 4)).toBe(0);
    // The standard deviation scales it: V = 4 doubles it.
    expect(expectedMaxSharpe(100, 4)).toBeCloseTo(2 * expectedMaxSharpe(100, 1), 12);
  });

  it('DSR with one trial is the PSR against 0; more trials deflate it (property)', () => {
    expect(value(deflatedSharpeRatio(normalSample, 1, 0.01))).toBe(value(probabilisticSharpeRatio(normalSample, 0)));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 1e-6, max: 0.1, noNaN: true }),
        (a, b, variance) => {
          const [few, many] = a <= b ? [a, b] : [b, a];
          const dFew = value(deflatedSharpeRatio(normalSample, few, variance)) as number;
          const dMany = value(deflatedSharpeRatio(normalSample, many, variance)) as number;
          expect(dMany).toBeLessThanOrEqual(dFew);
        },
      ),
      { seed: 11 },
    );
    // N = 100, V = 0.01 per period: SR0 = 0.1 × expectedMaxSharpe(100, 1) ≈ 0.2508 > 0.1, so the
    // DSR falls below one half.
    const dsr = value(deflatedSharpeRatio(normalSample, 100, 0.01)) as number;
    const sr0 = 0.1 * expectedMaxSharpe(100, 1);
    expect(dsr).toBeCloseTo(normalCdf(((0.1 - sr0) * 10) / Math.sqrt(1.005)), 12);
    expect(dsr).toBeLessThan(0.5);
  });

  it('refuses bad parameters', () => {
    const code = (r: ReturnType<typeof probabilisticSharpeRatio>) => (r.ok ? null : r.code);
    expect(code(probabilisticSharpeRatio({ ...normalSample, returnCount: 1 }, 0))).toBe('METRICS_BAD_PARAMETER');
    expect(code(probabilisticSharpeRatio({ ...normalSample, sharpePerPeriod: Number.NaN }, 0))).toBe(
      'METRICS_BAD_PARAMETER',
    );
    expect(code(probabilisticSharpeRatio(normalSample, Number.POSITIVE_INFINITY))).toBe('METRICS_BAD_PARAMETER');
    expect(code(deflatedSharpeRatio(normalSample, 0, 0.01))).toBe('METRICS_BAD_PARAMETER');
    expect(code(deflatedSharpeRatio(normalSample, 2.5, 0.01))).toBe('METRICS_BAD_PARAMETER');
    expect(code(deflatedSharpeRatio(normalSample, 10, -1))).toBe('METRICS_BAD_PARAMETER');
    expect(code(deflatedSharpeRatio(normalSample, 10, Number.NaN))).toBe('METRICS_BAD_PARAMETER');
  });
});
