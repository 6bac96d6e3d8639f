import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndicatorInputError } from './errors';
import { type AnyIndicator, CASES, type Case, toRow } from './testing/cases';
import type { Bar, Row } from './testing/naive';
import { WindowMax } from './window-max';

/**
 * Every streaming indicator against its naive full-recomputation definition (testing/naive.ts) on
 * random series, including random `replace` calls for the forming bar; `reset()` gives back the
 * behaviour of a new instance; a NaN/Infinity input throws and changes nothing.
 *
 * Tolerance: streaming sums and the naive re-summation round differently, so values agree to within
 * 1e-9 × max(1, |expected|, largest input). Nothing else (warm-up length, undefined vs value) may
 * differ. fast-check prints the seed and the shrunk counterexample on failure.
 */

const REL_TOL = 1e-9;
const RUNS = 150;

type Op = { bar: Bar; replace: boolean };

function opsArb(c: Case): fc.Arbitrary<Op[]> {
  return fc.array(fc.record({ bar: c.bar, replace: fc.boolean() }), { maxLength: 90 });
}

/** Applies the ops; returns the effective series (replace overwrites the last bar) and the outputs. */
function run(ind: AnyIndicator, ops: readonly Op[], fields: Case['fields']): { bars: Bar[]; rows: Row[] } {
  const bars: Bar[] = [];
  const rows: Row[] = [];
  for (const { bar, replace } of ops) {
    if (replace && bars.length > 0) {
      rows[rows.length - 1] = toRow(ind.replace(...bar), fields);
      bars[bars.length - 1] = bar;
    } else {
      rows.push(toRow(ind.update(...bar), fields));
      bars.push(bar);
    }
  }
  return { bars, rows };
}

function expectRowsClose(actual: readonly Row[], expected: readonly Row[], scale: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    const want = expected[i];
    if (want === undefined || row === undefined) {
      expect({ i, row }).toEqual({ i, row: want });
      return;
    }
    want.forEach((w, j) => {
      const tol = REL_TOL * Math.max(1, Math.abs(w), scale);
      if (!(Math.abs((row[j] as number) - w) <= tol)) expect({ i, j, got: row[j] }).toEqual({ i, j, got: w });
    });
  });
}

const scaleOf = (bars: readonly Bar[]) => bars.reduce((m, b) => Math.max(m, ...b.map(Math.abs)), 0);

describe.each(CASES)('$name', (c) => {
  it('equals its naive definition on random series, with replace() of the forming bar', () => {
    fc.assert(
      fc.property(c.params, opsArb(c), (p, ops) => {
        const { bars, rows } = run(c.make(p), ops, c.fields);
        expectRowsClose(rows, c.naive(bars, p), scaleOf(bars));
      }),
      { numRuns: RUNS },
    );
  });

  it('reports value/isReady consistently with the last result and warmUp', () => {
    fc.assert(
      fc.property(c.params, opsArb(c), (p, ops) => {
        const ind = c.make(p);
        const { rows } = run(ind, ops, c.fields);
        const last = rows.at(-1);
        expect(toRow(ind.value, c.fields)).toEqual(last);
        expect(ind.isReady).toBe(last !== undefined);
        // VWAP can have no value past its warm-up (no volume yet); everything else is ready then.
        if (c.name !== 'Vwap') expect(ind.isReady).toBe(rows.length >= ind.warmUp);
      }),
      { numRuns: RUNS },
    );
  });

  it('reset() restores the behaviour of a new instance exactly', () => {
    fc.assert(
      fc.property(c.params, opsArb(c), opsArb(c), (p, before, after) => {
        const used = c.make(p);
        run(used, before, c.fields);
        used.reset();
        expect(used.isReady).toBe(false);
        expect(used.value).toBeUndefined();
        expect(run(used, after, c.fields).rows).toEqual(run(c.make(p), after, c.fields).rows);
      }),
      { numRuns: RUNS },
    );
  });

  it('a NaN or Infinity input throws IndicatorInputError and changes nothing', () => {
    const bad = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    fc.assert(
      fc.property(
        c.params,
        opsArb(c),
        opsArb(c),
        c.bar,
        fc.nat(),
        bad,
        fc.boolean(),
        (p, pre, post, bar, at, x, rep) => {
          const poked = c.make(p);
          const clean = c.make(p);
          run(poked, pre, c.fields);
          run(clean, pre, c.fields);
          const input = [...bar];
          input[at % input.length] = x;
          expect(() => (rep ? poked.replace(...input) : poked.update(...input))).toThrow(IndicatorInputError);
          expect(toRow(poked.value, c.fields)).toEqual(toRow(clean.value, c.fields));
          expect(run(poked, post, c.fields).rows).toEqual(run(clean, post, c.fields).rows);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('WindowMax', () => {
  it('equals Math.max over the last `period` inputs, with replaceLatest', () => {
    const op = fc.record({ x: fc.integer({ min: -20, max: 20 }), replace: fc.boolean() });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(op, { maxLength: 200 }), (period, ops) => {
        const w = new WindowMax(period);
        const xs: number[] = [];
        for (const { x, replace } of ops) {
          if (replace && xs.length > 0) {
            w.replaceLatest(x);
            xs[xs.length - 1] = x;
          } else {
            w.push(x);
            xs.push(x);
          }
          expect(w.max).toBe(Math.max(...xs.slice(-period)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
