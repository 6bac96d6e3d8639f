import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ema } from './ema';
import { Sma } from './sma';
import { type AnyIndicator, CASES } from './testing/cases';
import type { Bar } from './testing/naive';

/**
 * `next` / `replaceNext` (the allocation-free contract) against `update` / `replace` (the
 * convenience form): the same values bit for bit, NaN exactly where `update` gives `undefined`,
 * the other lines of a multi-line indicator on its getters, and the same state afterwards.
 */

/** The main line and every field, as `next` + getters report them, or as `update`'s result. */
function viaNext(ind: AnyIndicator, fields: readonly string[] | null, main: number): number[] {
  if (fields === null) return [main];
  const getters = ind as unknown as Record<string, number>;
  return [main, ...fields.map((f) => getters[f] as number)];
}

function viaUpdate(out: unknown, fields: readonly string[] | null): number[] | null {
  if (out === undefined) return null;
  if (fields === null) return [out as number];
  const rec = out as Record<string, number>;
  return [rec[fields[0] as string] as number, ...fields.map((f) => rec[f] as number)];
}

describe.each(CASES)('$name: next equals update', (c) => {
  it('bit for bit, with NaN for undefined, over random updates and replaces', () => {
    const op = fc.record({ bar: c.bar, replace: fc.boolean() });
    fc.assert(
      fc.property(c.params, fc.array(op, { minLength: 1, maxLength: 60 }), (params, ops) => {
        const a = c.make(params);
        const b = c.make(params);
        for (const { bar, replace } of ops) {
          const u = replace ? a.replace(...bar) : a.update(...bar);
          const n = replace ? b.replaceNext(...bar) : b.next(...bar);
          const expected = viaUpdate(u, c.fields);
          if (expected === null) {
            expect(n).toBeNaN();
            continue;
          }
          const got = viaNext(b, c.fields, n);
          expect(got.every((x, i) => Object.is(x, expected[i]))).toBe(true);
        }
        expect(b.isReady).toBe(a.isReady);
        expect(viaUpdate(b.value, c.fields)).toEqual(viaUpdate(a.value, c.fields));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a non-finite input like update, changing nothing', () => {
    fc.assert(
      fc.property(c.params, fc.array(c.bar, { minLength: 1, maxLength: 30 }), (params, bars) => {
        const a = c.make(params);
        const b = c.make(params);
        for (const bar of bars) {
          a.next(...bar);
          b.next(...bar);
        }
        const bad = (bars[0] as Bar).map(() => Number.NaN);
        expect(() => b.next(...bad)).toThrow(/finite/);
        expect(() => b.replaceNext(...bad)).toThrow(/finite/);
        const last = bars[bars.length - 1] as Bar;
        expect(Object.is(b.next(...last), a.next(...last))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('multi-line getters before warm-up', () => {
  it('are NaN until the indicator is warm', () => {
    const s = new Sma(3);
    expect(s.next(1)).toBeNaN();
    const e = new Ema(2);
    expect(e.next(1)).toBeNaN();
    expect(e.next(3)).toBe(2);
    for (const c of CASES.filter((k) => k.fields !== null)) {
      const ind = c.make([3, 5, 2]);
      const getters = ind as unknown as Record<string, number>;
      for (const f of c.fields ?? []) expect(getters[f], `${c.name}.${f}`).toBeNaN();
    }
  });
});
