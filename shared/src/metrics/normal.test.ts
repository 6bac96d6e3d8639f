import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal';

// Reference values: R's pnorm/qnorm (equivalently scipy.stats.norm.cdf/ppf), 16 significant digits.
describe('normal distribution', () => {
  it('matches published values of Φ', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 14);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 14);
    // Far tail (the continued-fraction branch): West states ~1e-8 relative accuracy out here.
    expect(normalCdf(-8) / 6.220960574271785e-16).toBeCloseTo(1, 7);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('matches published values of Φ⁻¹', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
  });

  it('Φ⁻¹ inverts Φ (property)', () => {
    // Above x ≈ 5, Φ(x) is within 3e-7 of 1 and its double has too few bits left to invert well;
    // the lower tail keeps full relative precision, so the range is asymmetric on purpose.
    fc.assert(
      fc.property(fc.double({ min: -7, max: 5, noNaN: true }), (x) => {
        expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 6);
      }),
      { seed: 3 },
    );
  });

  it('Φ is monotone and symmetric (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (x, d) => {
        expect(normalCdf(x + d)).toBeGreaterThanOrEqual(normalCdf(x));
        expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14);
      }),
      { seed: 4 },
    );
  });
});
