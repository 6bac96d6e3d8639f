import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addFees, bookFill, bookFillBig, Position } from './position';

const MAX = Number.MAX_SAFE_INTEGER;
/** Values of every size, biased to where doubles stop being exact (and beyond, to take the bigint path). */
const value = fc.oneof(
  fc.bigInt({ min: 0n, max: 10_000_000n }),
  fc.bigInt({ min: 0n, max: BigInt(MAX) }),
  fc.bigInt({ min: BigInt(2 ** 52), max: BigInt(MAX) * 4n }),
);
const fill = fc.record({
  side: fc.constantFrom('buy' as const, 'sell' as const),
  qtyLots: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 2 ** 40 })),
  valueMinor: value,
  feeMinor: fc.oneof(fc.bigInt({ min: -1_000n, max: 1_000n }), fc.bigInt({ min: -BigInt(MAX), max: BigInt(MAX) * 2n })),
});

/** The plain bigint fields of a position, whichever representation holds them. */
function money(p: Position): [number, bigint, bigint, bigint] {
  return [p.qtyLots, p.costMinor, p.realisedMinor, p.feesMinor];
}

describe('position booking in exact doubles against the bigint reference', () => {
  it('bookFill (doubles while they fit) gives the same position and realised PnL as bigints, at every size', () => {
    fc.assert(
      fc.property(fc.array(fill, { minLength: 1, maxLength: 30 }), (fills) => {
        const fast = new Position();
        const ref = new Position();
        let refFees = 0n;
        for (const f of fills) {
          if (!Number.isSafeInteger(fast.qtyLots + (f.side === 'buy' ? f.qtyLots : -f.qtyLots))) return;
          const want = bookFillBig(ref, f.side, f.qtyLots, f.valueMinor);
          const got = bookFill(fast, f.side, f.qtyLots, f.valueMinor);
          expect(got).toBe(want);
          const feeNum = f.feeMinor <= BigInt(MAX) && f.feeMinor >= -BigInt(MAX) ? Number(f.feeMinor) : Number.NaN;
          addFees(fast, feeNum, f.feeMinor);
          refFees += f.feeMinor;
          expect(money(fast)).toEqual([ref.qtyLots, ref.costMinor, ref.realisedMinor, refFees]);
          // A double is used exactly when the amount fits one.
          expect(Number.isNaN(fast.costNum)).toBe(fast.costMinor > BigInt(MAX) || fast.costMinor < -BigInt(MAX));
        }
      }),
      { numRuns: 3_000, seed: 11 },
    );
  });
});
