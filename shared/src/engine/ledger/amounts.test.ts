import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Amounts } from './amounts';

const BIG = 2n ** 53n;
/** Amounts near and beyond the exact-double range, and small ones. */
const amount = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: BIG - 5n, max: BIG + 5n }),
  fc.bigInt({ min: -BIG - 5n, max: -BIG + 5n }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
);
const key = fc.constantFrom('USD', 'EUR', '@XYZ', '@ABC-USD');

describe('Amounts against a Map<string, bigint>', () => {
  it('agrees on every read after random sets, adds (bigint and double) and deletes', () => {
    const op = fc.tuple(fc.constantFrom('set', 'add', 'addNum', 'delete'), key, amount);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const a = new Amounts();
        const ref = new Map<string, bigint>();
        for (const [kind, k, v] of ops) {
          if (kind === 'set') {
            a.set(k, v);
            ref.set(k, v);
          } else if (kind === 'add') {
            a.add(k, v);
            ref.set(k, (ref.get(k) ?? 0n) + v);
          } else if (kind === 'addNum') {
            const d = Number(BigInt.asIntN(52, v)); // a safe integer, as callers pass
            const got = a.addNum(k, d);
            const want = (ref.get(k) ?? 0n) + BigInt(d);
            ref.set(k, want);
            expect(Number.isNaN(got) ? a.get(k) : BigInt(got)).toBe(want);
          } else expect(a.delete(k)).toBe(ref.delete(k));
          for (const c of ['USD', 'EUR', '@XYZ', '@ABC-USD']) {
            expect(a.get(c)).toBe(ref.get(c));
            const n = a.num(c);
            const r = ref.get(c) ?? 0n;
            expect(Number.isNaN(n) ? r > 9007199254740991n || r < -9007199254740991n : BigInt(n) === r).toBe(true);
          }
          expect([...a]).toEqual([...ref]);
          expect(a.size).toBe(ref.size);
        }
      }),
      { numRuns: 200, seed: 17 },
    );
  });
});
