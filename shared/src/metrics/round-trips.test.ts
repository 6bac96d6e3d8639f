import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookFill, newPosition } from '../engine/portfolio/position';
import { type RoundTripFill, roundTripsOf } from './round-trips';
import { tradeStats } from './trade-stats';

/** A fill worth price × lots minor units (scale 1/1), so the sums below are easy to check by hand. */
function fill(orderId: number, side: 'buy' | 'sell', qtyLots: number, priceTicks: number, feeMinor: bigint, key = 'X') {
  return {
    key,
    timeMs: orderId * 1000,
    orderId,
    side,
    qtyLots,
    priceTicks,
    valueMinor: BigInt(priceTicks * qtyLots),
    feeMinor,
  };
}

describe('round trips (FIFO lot matching)', () => {
  it('an exit closing two entries makes two trips, oldest lots first; fees are split exactly', () => {
    const trips = roundTripsOf([
      fill(1, 'buy', 10, 100, 10n),
      fill(2, 'buy', 10, 110, 11n),
      fill(3, 'sell', 15, 120, 18n), // closes lot 1 (10) and 5 of lot 2
      fill(4, 'sell', 5, 90, 3n), // closes the rest of lot 2
    ]).trades;
    // Sell of 1800 split 10:5 → 1200 and 600; lot 2's 1100 and fee 11 split 5:5 → 550/550, 6/5 (5.5 half-even → 6).
    expect(trips).toEqual([
      {
        entryTimeMs: 1000,
        exitTimeMs: 3000,
        side: 'long',
        qtyLots: 10,
        entryPriceTicks: 100,
        exitPriceTicks: 120,
        grossPnlMinor: 200n,
        feesMinor: 10n + 12n,
      },
      {
        entryTimeMs: 2000,
        exitTimeMs: 3000,
        side: 'long',
        qtyLots: 5,
        entryPriceTicks: 110,
        exitPriceTicks: 120,
        grossPnlMinor: 50n,
        feesMinor: 6n + 6n,
      },
      {
        entryTimeMs: 2000,
        exitTimeMs: 4000,
        side: 'long',
        qtyLots: 5,
        entryPriceTicks: 110,
        exitPriceTicks: 90,
        grossPnlMinor: -100n,
        feesMinor: 5n + 3n,
      },
    ]);
    // Σ gross = sells − buys = 2250 − 2100; Σ fees = the fills' fees.
    expect(trips.reduce((s, t) => s + t.grossPnlMinor, 0n)).toBe(150n);
    expect(trips.reduce((s, t) => s + t.feesMinor, 0n)).toBe(42n);
    // Statistics net of fees: 178 and 38 won, 108 lost.
    expect(tradeStats(trips)).toMatchObject({
      tradeCount: 3,
      winCount: 2,
      lossCount: 1,
      profitFactor: 216 / 108,
      expectancyMinor: 108 / 3,
    });
  });

  it('partial fills of one order are one lot and one exit, not several trades', () => {
    const trips = roundTripsOf([
      fill(1, 'buy', 3, 100, 1n),
      fill(1, 'buy', 7, 102, 2n),
      fill(2, 'sell', 4, 105, 1n),
      fill(2, 'sell', 6, 107, 1n),
    ]).trades;
    expect(trips).toHaveLength(1);
    // Entry 300 + 714 = 1014 at avg 101.4 → 101; exit 420 + 642 = 1062 at 106.2 → 106.
    expect(trips[0]).toMatchObject({
      qtyLots: 10,
      entryPriceTicks: 101,
      exitPriceTicks: 106,
      grossPnlMinor: 48n,
      feesMinor: 5n,
    });
  });

  it('a flip closes the long and opens a short with the rest; its fee is shared by lots; shorts gain when the price falls', () => {
    const built = roundTripsOf([fill(1, 'buy', 5, 100, 5n), fill(2, 'sell', 8, 110, 8n), fill(3, 'buy', 3, 90, 3n)]);
    expect(built.trades).toEqual([
      {
        entryTimeMs: 1000,
        exitTimeMs: 2000,
        side: 'long',
        qtyLots: 5,
        entryPriceTicks: 100,
        exitPriceTicks: 110,
        grossPnlMinor: 50n,
        feesMinor: 5n + 5n,
      },
      {
        entryTimeMs: 2000,
        exitTimeMs: 3000,
        side: 'short',
        qtyLots: 3,
        entryPriceTicks: 110,
        exitPriceTicks: 90,
        grossPnlMinor: 60n,
        feesMinor: 3n + 3n,
      },
    ]);
    expect(built.openLots()).toEqual(new Map());
  });

  it('positions are per key; what is still open is reported, not counted as a trade', () => {
    const built = roundTripsOf([
      fill(1, 'buy', 2, 100, 0n, 'A'),
      fill(2, 'sell', 3, 50, 0n, 'B'),
      fill(3, 'sell', 1, 101, 0n, 'A'),
    ]);
    expect(built.trades).toHaveLength(1);
    expect(built.openLots()).toEqual(
      new Map([
        ['A', 1],
        ['B', -3],
      ]),
    );
  });
});

const fillsArb = fc
  .array(
    fc.record({
      key: fc.constantFrom('A', 'B'),
      orderId: fc.integer({ min: 1, max: 6 }),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      qtyLots: fc.integer({ min: 1, max: 50 }),
      priceTicks: fc.integer({ min: 1, max: 10_000 }),
      feeMinor: fc.bigInt({ min: -5n, max: 500n }),
      den: fc.constantFrom(1n, 3n, 7n, 100n),
    }),
    { maxLength: 40 },
  )
  .map((raw) => {
    // Close every position at the end, so all lots are matched.
    const net = new Map<string, number>();
    for (const f of raw) net.set(f.key, (net.get(f.key) ?? 0) + (f.side === 'buy' ? f.qtyLots : -f.qtyLots));
    const closing = [...net]
      .filter(([, n]) => n !== 0)
      .map(([key, n]) => ({
        key,
        orderId: 99,
        side: n > 0 ? ('sell' as const) : ('buy' as const),
        qtyLots: Math.abs(n),
        priceTicks: 500,
        feeMinor: 1n,
        den: 1n,
      }));
    return [...raw, ...closing].map(
      (f, i): RoundTripFill => ({ ...f, timeMs: i, valueMinor: (BigInt(f.priceTicks) * BigInt(f.qtyLots)) / f.den }),
    );
  });

describe('round-trip properties', () => {
  it("once flat, Σ gross equals the engine's realised PnL (average cost, bookFill) per key, and Σ fees the fills' fees", () => {
    fc.assert(
      fc.property(fillsArb, (fills) => {
        const trips = roundTripsOf(fills);
        expect(trips.openLots().size).toBe(0);
        const positions = new Map([
          ['A', newPosition()],
          ['B', newPosition()],
        ]);
        let realised = 0n;
        for (const f of fills)
          realised += bookFill(positions.get(f.key) ?? newPosition(), f.side, f.qtyLots, f.valueMinor);
        const trades = trips.trades;
        expect(trades.reduce((s, t) => s + t.grossPnlMinor, 0n)).toBe(realised);
        expect(trades.reduce((s, t) => s + t.feesMinor, 0n)).toBe(fills.reduce((s, f) => s + f.feeMinor, 0n));
        const lotsIn = fills.reduce((s, f) => s + f.qtyLots, 0);
        expect(trades.reduce((s, t) => s + 2 * t.qtyLots, 0)).toBe(lotsIn); // every lot opened once and closed once
        for (const t of trades) expect(t.exitTimeMs).toBeGreaterThanOrEqual(t.entryTimeMs);
      }),
      { numRuns: 300 },
    );
  });
});
