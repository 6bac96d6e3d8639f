import type { ClosedTrade } from '../metrics/index';
import type { Fill } from '../strategies/index';

type Open = {
  side: 'long' | 'short';
  entryTimeMs: number;
  qtyLots: number;
  entryValue: number;
  exitValue: number;
  exitLots: number;
  feesMinor: bigint;
  realisedAtEntry: bigint;
};

/**
 * Round trips from fills: a trade opens when a symbol's position leaves zero and closes when it
 * returns to zero (a flip closes one and opens the next with the rest). Entry and exit prices are
 * the lot-weighted averages of the adding and the reducing fills; gross PnL is the engine's
 * realised PnL over the trip (so it matches the ledger exactly); fees are the fills' fees (a flip's
 * fee goes to the trip it closes).
 */
export class RoundTrips {
  readonly trades: ClosedTrade[] = [];
  private readonly open = new Map<string, Open>();
  private readonly qty = new Map<string, number>();

  /** `realisedMinor`: the position's realised PnL after this fill (from the engine). */
  add(fill: Fill, realisedBeforeMinor: bigint, realisedAfterMinor: bigint): void {
    const before = this.qty.get(fill.symbol) ?? 0;
    const signed = fill.side === 'buy' ? fill.qtyLots : -fill.qtyLots;
    const after = before + signed;
    this.qty.set(fill.symbol, after);
    let trip = this.open.get(fill.symbol);
    if (trip === undefined) {
      this.open.set(fill.symbol, this.start(fill, Math.abs(signed), realisedBeforeMinor));
      return;
    }
    trip.feesMinor += fill.feeMinor;
    if (Math.sign(after) === Math.sign(before)) {
      this.grow(trip, fill, Math.abs(after) > Math.abs(before));
      return;
    }
    const closing = Math.abs(before);
    trip.exitValue += fill.priceTicks * closing;
    trip.exitLots += closing;
    this.close(fill.symbol, trip, fill.timeMs, realisedAfterMinor);
    if (after !== 0) {
      trip = this.start(fill, Math.abs(after), realisedAfterMinor);
      trip.feesMinor = 0n;
      this.open.set(fill.symbol, trip);
    }
  }

  private start(fill: Fill, lots: number, realisedMinor: bigint): Open {
    return {
      side: fill.side === 'buy' ? 'long' : 'short',
      entryTimeMs: fill.timeMs,
      qtyLots: lots,
      entryValue: fill.priceTicks * lots,
      exitValue: 0,
      exitLots: 0,
      feesMinor: fill.feeMinor,
      realisedAtEntry: realisedMinor,
    };
  }

  private grow(trip: Open, fill: Fill, adding: boolean): void {
    if (adding) {
      trip.qtyLots += fill.qtyLots;
      trip.entryValue += fill.priceTicks * fill.qtyLots;
    } else {
      trip.exitValue += fill.priceTicks * fill.qtyLots;
      trip.exitLots += fill.qtyLots;
    }
  }

  private close(symbol: string, trip: Open, timeMs: number, realisedMinor: bigint): void {
    this.open.delete(symbol);
    this.trades.push({
      entryTimeMs: trip.entryTimeMs,
      exitTimeMs: timeMs,
      side: trip.side,
      qtyLots: trip.qtyLots,
      entryPriceTicks: Math.round(trip.entryValue / trip.qtyLots),
      exitPriceTicks: Math.round(trip.exitValue / trip.exitLots),
      grossPnlMinor: realisedMinor - trip.realisedAtEntry,
      feesMinor: trip.feesMinor,
    });
  }
}
