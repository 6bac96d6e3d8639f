/**
 * Closed round trips from fills, by FIFO lot matching: one implementation for backtests and
 * live reports, so a strategy's win rate means the same in both.
 */
import { mulDiv } from '../domain/money';
import type { ClosedTrade, TradeSide } from './types';

/** One fill as the matcher needs it. `key` names a position: a symbol, or account + symbol. */
export type RoundTripFill = {
  readonly key: string;
  readonly timeMs: number;
  /** The order it belongs to: consecutive fills of one order make one lot or one exit. */
  readonly orderId: string | number;
  readonly side: 'buy' | 'sell';
  readonly qtyLots: number;
  readonly priceTicks: number;
  /** What the fill was worth in minor units, as the engine settled it (price × qty, rounded once). */
  readonly valueMinor: bigint;
  /** Positive: paid; negative: a rebate. */
  readonly feeMinor: bigint;
};

/** Lots still open: what is left of one entry order's fills. Value and fee shrink exactly as lots close. */
type Lot = {
  id: number;
  orderId: string | number;
  side: TradeSide;
  timeMs: number;
  lots: number;
  valueMinor: bigint;
  feeMinor: bigint;
  /** Σ price × lots of its fills, for the average entry price. */
  priceLots: number;
  lotsFilled: number;
};

type Trip = {
  lotId: number;
  exitOrderId: string | number;
  side: TradeSide;
  entryTimeMs: number;
  exitTimeMs: number;
  qtyLots: number;
  entryPriceTicks: number;
  exitPriceLots: number;
  grossPnlMinor: bigint;
  feesMinor: bigint;
};

/** `part` of `whole` lots' `amount`, half-even; the whole amount when `part` is all of it (so nothing is lost). */
function share(amount: bigint, part: number, whole: number): bigint {
  return part === whole ? amount : mulDiv(amount, BigInt(part), BigInt(whole), 'half-even');
}

/**
 * A round trip is entry lots matched with the fills that close them, oldest lots first (FIFO):
 * an exit order closing two entry orders' lots makes two trips, a flip (a fill through zero)
 * closes what was open and opens a new lot with the rest. Consecutive fills of one order are
 * one lot (entry) or one exit, so a venue's partial fills do not multiply trades.
 *
 * Money is exact: each fill's value and fee are split over the lots it closes and opens in
 * proportion to lots (half-even, the remainder to the last part), so the trips' gross PnL sums
 * to Σ sells − Σ buys of what they closed (the engine's realised PnL once flat) and their fees
 * to the fills' fees. A trip's fees are its share of the entry fills' fees and of the exit's.
 */
export class RoundTrips {
  private readonly open = new Map<string, Lot[]>();
  private readonly trips: Trip[] = [];
  private readonly lastTrip = new Map<string, Trip>();
  private nextLotId = 1;

  add(fill: RoundTripFill): void {
    const lots = this.open.get(fill.key) ?? [];
    this.open.set(fill.key, lots);
    const closingSide: TradeSide = fill.side === 'buy' ? 'short' : 'long';
    let left = fill.qtyLots;
    let value = fill.valueMinor;
    let fee = fill.feeMinor;
    while (left > 0 && lots[0] !== undefined && lots[0].side === closingSide) {
      const lot = lots[0];
      const n = Math.min(left, lot.lots);
      const entryValue = share(lot.valueMinor, n, lot.lots);
      const entryFee = share(lot.feeMinor, n, lot.lots);
      const exitValue = share(value, n, left);
      const exitFee = share(fee, n, left);
      lot.valueMinor -= entryValue;
      lot.feeMinor -= entryFee;
      lot.lots -= n;
      value -= exitValue;
      fee -= exitFee;
      left -= n;
      if (lot.lots === 0) lots.shift();
      const gross = lot.side === 'long' ? exitValue - entryValue : entryValue - exitValue;
      this.close(fill, lot, n, gross, entryFee + exitFee);
    }
    if (left > 0) this.openLot(lots, fill, left, value, fee);
  }

  private openLot(lots: Lot[], fill: RoundTripFill, n: number, value: bigint, fee: bigint): void {
    const side: TradeSide = fill.side === 'buy' ? 'long' : 'short';
    const tail = lots.at(-1);
    if (tail !== undefined && tail.orderId === fill.orderId && tail.side === side) {
      tail.lots += n;
      tail.valueMinor += value;
      tail.feeMinor += fee;
      tail.priceLots += fill.priceTicks * n;
      tail.lotsFilled += n;
      return;
    }
    const id = this.nextLotId++;
    lots.push({
      id,
      orderId: fill.orderId,
      side,
      timeMs: fill.timeMs,
      lots: n,
      valueMinor: value,
      feeMinor: fee,
      priceLots: fill.priceTicks * n,
      lotsFilled: n,
    });
  }

  private close(fill: RoundTripFill, lot: Lot, n: number, gross: bigint, fees: bigint): void {
    const last = this.lastTrip.get(fill.key);
    if (last !== undefined && last.lotId === lot.id && last.exitOrderId === fill.orderId) {
      last.qtyLots += n;
      last.exitPriceLots += fill.priceTicks * n;
      last.exitTimeMs = fill.timeMs;
      last.grossPnlMinor += gross;
      last.feesMinor += fees;
      return;
    }
    const trip: Trip = {
      lotId: lot.id,
      exitOrderId: fill.orderId,
      side: lot.side,
      entryTimeMs: lot.timeMs,
      exitTimeMs: fill.timeMs,
      qtyLots: n,
      entryPriceTicks: Math.round(lot.priceLots / lot.lotsFilled),
      exitPriceLots: fill.priceTicks * n,
      grossPnlMinor: gross,
      feesMinor: fees,
    };
    this.trips.push(trip);
    this.lastTrip.set(fill.key, trip);
  }

  /** The closed round trips so far, in the order they closed. */
  get trades(): ClosedTrade[] {
    return this.trips.map((t) => ({
      entryTimeMs: t.entryTimeMs,
      exitTimeMs: t.exitTimeMs,
      side: t.side,
      qtyLots: t.qtyLots,
      entryPriceTicks: t.entryPriceTicks,
      exitPriceTicks: Math.round(t.exitPriceLots / t.qtyLots),
      grossPnlMinor: t.grossPnlMinor,
      feesMinor: t.feesMinor,
    }));
  }

  /** Lots still open per key (signed: long > 0), e.g. to say a report's period ends with open positions. */
  openLots(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, lots] of this.open) {
      const n = lots.reduce((sum, l) => sum + (l.side === 'long' ? l.lots : -l.lots), 0);
      if (n !== 0) out.set(key, n);
    }
    return out;
  }
}

/** The round trips of a list of fills in the order they happened. */
export function roundTripsOf(fills: Iterable<RoundTripFill>): RoundTrips {
  const trips = new RoundTrips();
  for (const f of fills) trips.add(f);
  return trips;
}
