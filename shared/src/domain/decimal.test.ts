import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DecimalError, decimalToSteps, parseStep, type Step, stepsToDecimal } from './decimal';

/** The plain bigint definition: parse, bring to a common scale, must divide (what decimalToSteps must equal). */
function reference(text: string, step: Step): { ok: true; value: bigint } | { ok: false; code: DecimalError } {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, code: 'DECIMAL_MALFORMED' };
  const [, sign = '', whole = '', frac = ''] = m;
  if (whole.replace(/^0+(?=\d)/, '').length > 18 || frac.length > 18) return { ok: false, code: 'DECIMAL_TOO_LARGE' };
  const units = BigInt(sign + whole + frac);
  const common = Math.max(frac.length, step.scale);
  const value = units * 10n ** BigInt(common - frac.length);
  const stepUnits = step.mantissa * 10n ** BigInt(common - step.scale);
  return value % stepUnits === 0n ? { ok: true, value: value / stepUnits } : { ok: false, code: 'DECIMAL_OFF_GRID' };
}

const STEPS = ['0.01', '0.0001', '0.5', '0.05', '1', '5', '25', '0.000001', '0.00000001', '100', '0.25'].map(parseStep);
const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: max });
/** Decimals as the wire carries them, and near misses: signs, leading zeros, long fractions, junk. */
const texts = fc.oneof(
  fc.tuple(digits(19), digits(20)).map(([w, f]) => (f.length > 0 ? `${w}.${f}` : w)),
  fc
    .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(0, 1, 2, 4, 6, 8))
    .map(([n, s]) => (s === 0 ? String(n) : `${Math.floor(n / 10 ** s)}.${String(n % 10 ** s).padStart(s, '0')}`)),
  fc.constantFrom('', '.', '.5', '1.', '-1.5', '-0', '0', '0.000', '1e3', ' 1', '1 ', '1..2', '+1', '00012.50', '٣'),
  fc.string({ maxLength: 12 }),
);

describe('decimalToSteps', () => {
  it('equals the bigint reference on every input (value, or the error code)', () => {
    let exact = 0;
    fc.assert(
      fc.property(texts, fc.constantFrom(...STEPS), (text, step) => {
        const got = decimalToSteps(text, step);
        const want = reference(text, step);
        expect(got.ok).toBe(want.ok);
        if (got.ok && want.ok) {
          expect(got.value).toBe(want.value);
          exact += 1;
        } else if (!got.ok && !want.ok) expect(got.code).toBe(want.code);
      }),
      { numRuns: 20_000, seed: 20261124 },
    );
    expect(exact).toBeGreaterThan(2_000); // the comparison saw plenty of values on the grid
  });

  it('takes the largest grid values and refuses off-grid ones', () => {
    expect(decimalToSteps('999999999999999.99', parseStep('0.01'))).toEqual({ ok: true, value: 99999999999999999n });
    expect(decimalToSteps('90012.00', parseStep('0.01'))).toEqual({ ok: true, value: 9001200n });
    expect(decimalToSteps('0.0100', parseStep('0.0001'))).toEqual({ ok: true, value: 100n });
    expect(decimalToSteps('1.005', parseStep('0.01'))).toMatchObject({ ok: false, code: 'DECIMAL_OFF_GRID' });
  });

  it('stepsToDecimal of a number equals that of the same bigint (the double path is exact)', () => {
    const steps = fc.oneof(
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      fc.constantFrom(
        0,
        -0,
        1,
        -1,
        Number.MAX_SAFE_INTEGER,
        -Number.MAX_SAFE_INTEGER,
        2 ** 53 + 2,
        1e15,
        123456789012345,
      ),
      fc.maxSafeInteger(),
    );
    fc.assert(
      fc.property(steps, fc.constantFrom(...STEPS), (n, step) => {
        expect(stepsToDecimal(n, step)).toBe(stepsToDecimal(BigInt(n), step));
      }),
      { numRuns: 20_000, seed: 20261124 },
    );
  });
});
