import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOSED_TRADES_KEPT_MAX } from '../core/config';
import { type ClosedTrade, ClosedTrades } from './closed-trades';
import { toExact } from './exact-number';

const pnl = fc.oneof(
  fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
  fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
);
const close = fc.record({ timeMs: fc.nat(), pnlMinor: pnl, stopOut: fc.boolean() });

describe('closed trades ring', () => {
  it('keeps the last CLOSED_TRADES_KEPT_MAX closes, oldest first, exactly as an array that drops its head', () => {
    fc.assert(
      fc.property(fc.array(close, { maxLength: 3 * CLOSED_TRADES_KEPT_MAX }), (list) => {
        const ring = new ClosedTrades();
        const model: ClosedTrade[] = [];
        for (const c of list) {
          ring.push(c.timeMs, toExact(c.pnlMinor), c.pnlMinor, c.stopOut);
          model.push(c);
          if (model.length > CLOSED_TRADES_KEPT_MAX) model.shift();
        }
        expect(ring.length).toBe(model.length);
        expect(ring.toArray()).toEqual(model);
        expect(ClosedTrades.from(model).toArray()).toEqual(model);
      }),
      { numRuns: 60, seed: 5 },
    );
  });
});
