import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ema } from './ema';
import { Sma } from './sma';

const series = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('next / replaceNext: update / replace with NaN for undefined', () => {
  for (const [name, make] of [
    ['Ema', (n: number) => new Ema(n)],
    ['Sma', (n: number) => new Sma(n)],
  ] as const) {
    it(`${name}: the same values, bit for bit, and the same state after`, () => {
      fc.assert(
        fc.property(
          series,
          fc.integer({ min: 1, max: 10 }),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          (xs, period, last) => {
            const a = make(period);
            const b = make(period);
            for (const x of xs) {
              const u = a.update(x);
              const n = b.next(x);
              if (u === undefined) expect(n).toBeNaN();
              else expect(Object.is(n, u)).toBe(true);
            }
            const u = a.replace(last);
            const n = b.replaceNext(last);
            if (u === undefined) expect(n).toBeNaN();
            else expect(Object.is(n, u)).toBe(true);
            expect(b.value).toBe(a.value);
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('refuses a non-finite input like update, changing nothing', () => {
    const e = new Ema(2);
    e.next(1);
    expect(() => e.next(Number.NaN)).toThrow(/finite/);
    expect(() => new Sma(2).replaceNext(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(e.next(3)).toBe(2);
  });
});
