import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NotionalScale, notionalMinor, type Rounding } from '../../domain/money';
import type { InstrumentState } from '../core/state';
import { toExact } from './exact-number';
import { notionalNum } from './notional';

const MAX = Number.MAX_SAFE_INTEGER;
const ROUNDINGS: Rounding[] = ['floor', 'ceil', 'half-even'];
/** Scales as instruments have them: whole minor units per tick × lot (den 1), and fractions. */
const SCALES: NotionalScale[] = [
  { num: 1n, den: 1n },
  { num: 100n, den: 1n },
  { num: 1n, den: 10_000n },
  { num: 3n, den: 7n },
  { num: 10n ** 12n, den: 1n },
];
const int = fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: MAX }));

describe('notionalNum', () => {
  it('equals the bigint notional whenever it answers, and answers whenever every step fits', () => {
    fc.assert(
      fc.property(int, int, fc.constantFrom(...SCALES), fc.constantFrom(...ROUNDINGS), (p, q, scale, rnd) => {
        const inst = { scale, scaleNum: toExact(scale.num), scaleDen: toExact(scale.den) } as InstrumentState;
        const got = notionalNum(inst, p, q, rnd);
        const want = notionalMinor(scale, p, q, rnd);
        const product = BigInt(p) * BigInt(q) * scale.num;
        if (Number.isNaN(got))
          expect(BigInt(p) * BigInt(q) > BigInt(MAX) || product + scale.den > BigInt(MAX)).toBe(true);
        else expect(BigInt(got)).toBe(want);
      }),
      { numRuns: 20_000, seed: 8 },
    );
  });
});
