import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulDiv, type Rounding } from '../../domain/money';
import { addExact, mulDivExact, mulExact, toExact } from './exact-number';

const MAX = Number.MAX_SAFE_INTEGER;
const ROUNDINGS: Rounding[] = ['floor', 'ceil', 'half-even'];
/** Integers of every size up to 2^53 − 1, biased to the edges where doubles stop being exact. */
const int = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer({ min: -MAX, max: MAX }),
  fc.integer({ min: 2 ** 52 - 1000, max: MAX }),
  fc.integer({ min: 2 ** 26 - 100, max: 2 ** 27 }),
);

describe('exact double arithmetic against bigint', () => {
  it('mulDivExact equals mulDiv whenever it answers, and answers whenever a × b + d fits', () => {
    fc.assert(
      fc.property(int, int, fc.integer({ min: 1, max: MAX }), fc.constantFrom(...ROUNDINGS), (a, b, d, rnd) => {
        const got = mulDivExact(a, b, d, rnd);
        const want = mulDiv(BigInt(a), BigInt(b), BigInt(d), rnd);
        const p = BigInt(a) * BigInt(b);
        const fits = (p < 0n ? -p : p) + BigInt(d) <= BigInt(MAX);
        if (Number.isNaN(got)) expect(fits).toBe(false);
        else expect(BigInt(got)).toBe(want);
      }),
      { numRuns: 20_000, seed: 3 },
    );
  });

  it('small divisors near integer quotients (where a double quotient rounds) stay exact', () => {
    for (const rnd of ROUNDINGS)
      for (let k = 0; k < 2000; k++) {
        const a = 2 ** 52 + k * 7919;
        for (const d of [3, 7, 10_000, 2 ** 20 + 1]) {
          const got = mulDivExact(a, 1, d, rnd);
          if (!Number.isNaN(got)) expect(BigInt(got)).toBe(mulDiv(BigInt(a), 1n, BigInt(d), rnd));
        }
      }
  });

  it('mulExact and addExact are exact or NaN', () => {
    fc.assert(
      fc.property(int, int, (a, b) => {
        const m = mulExact(a, b);
        const s = addExact(a, b);
        const bm = BigInt(a) * BigInt(b);
        const bs = BigInt(a) + BigInt(b);
        const safe = (x: bigint) => x <= BigInt(MAX) && x >= -BigInt(MAX);
        expect(Number.isNaN(m) ? !safe(bm) : BigInt(m) === bm).toBe(true);
        expect(Number.isNaN(s) ? !safe(bs) : BigInt(s) === bs).toBe(true);
      }),
      { numRuns: 20_000, seed: 4 },
    );
  });

  it('toExact converts safe bigints and refuses the rest', () => {
    expect(toExact(123n)).toBe(123);
    expect(toExact(-BigInt(MAX))).toBe(-MAX);
    expect(toExact(BigInt(MAX) + 1n)).toBeNaN();
    expect(toExact(-BigInt(MAX) - 1n)).toBeNaN();
  });
});
