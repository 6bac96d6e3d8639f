import { assert } from '../../util/assert';
import type { AccountState, InstrumentState, OrderRecord } from '../core/state';
import { positionOf } from '../portfolio/position';
import { quoteHoldMinor } from '../portfolio/valuation';

/**
 * Reservations of open orders. A cash-account buy reserves its value and fee in the quote
 * currency; a cash-account sell reserves the lots it sells; a margin order reserves initial
 * margin and fee, except reduce-only orders, which free margin rather than use it.
 * The account totals are always the sum over its open orders (checked by validate()).
 */
export function feeBpsForHold(account: AccountState): number {
  return Math.max(account.makerFeeBps, account.takerFeeBps, 0);
}

export function requiredHold(
  account: AccountState,
  inst: InstrumentState,
  o: OrderRecord,
  remainingLots: number,
  priceTicks: number,
): { minor: bigint; lots: number } {
  return {
    minor: requiredHoldMinor(account, inst, o, remainingLots, priceTicks),
    lots: requiredHoldLots(account, o, remainingLots),
  };
}

/** The quote-currency part of `requiredHold` (hot paths take the two parts without an object). */
export function requiredHoldMinor(
  account: AccountState,
  inst: InstrumentState,
  o: OrderRecord,
  remainingLots: number,
  priceTicks: number,
): bigint {
  if (o.holdDeferred) return 0n;
  if (account.kind === 'cash') {
    if (o.side === 'sell') return 0n;
    return quoteHoldMinor(account, inst, priceTicks, remainingLots, feeBpsForHold(account));
  }
  if (o.reduceOnly) return 0n;
  return quoteHoldMinor(account, inst, priceTicks, remainingLots, feeBpsForHold(account));
}

/** The lots part of `requiredHold`: a cash account's sell reserves what it sells. */
export function requiredHoldLots(account: AccountState, o: OrderRecord, remainingLots: number): number {
  return !o.holdDeferred && account.kind === 'cash' && o.side === 'sell' ? remainingLots : 0;
}

/** Sets the order's reservation and moves the account totals by the difference. */
export function setHold(
  account: AccountState,
  inst: InstrumentState,
  o: OrderRecord,
  minor: bigint,
  lots: number,
): void {
  const dMinor = minor - o.holdMinor;
  if (dMinor !== 0n) {
    const cur = (account.holds.get(inst.quote) ?? 0n) + dMinor;
    assert(cur >= 0n, 'negative hold total');
    if (cur === 0n) account.holds.delete(inst.quote);
    else account.holds.set(inst.quote, cur);
    o.holdMinor = minor;
  }
  const dLots = lots - o.holdLots;
  if (dLots !== 0) {
    const pos = positionOf(account, inst.ix);
    pos.heldLots += dLots;
    assert(pos.heldLots >= 0, 'negative held lots');
    o.holdLots = lots;
  }
}

/** Recomputes the reservation for what remains of the order at its working price. */
export function refreshHold(account: AccountState, inst: InstrumentState, o: OrderRecord): void {
  const remaining = o.qtyLots - o.filledLots;
  const minor = requiredHoldMinor(account, inst, o, remaining, o.workingTicks);
  setHold(account, inst, o, minor, requiredHoldLots(account, o, remaining));
}

/** Open lots that could add to a position, per side (max-position risk counts them). */
export function setOpenLots(account: AccountState, o: OrderRecord, deltaLots: number): void {
  if (o.reduceOnly || deltaLots === 0) return;
  const pos = positionOf(account, o.instIx);
  if (o.side === 'buy') pos.openBuyLots += deltaLots;
  else pos.openSellLots += deltaLots;
  assert(pos.openBuyLots >= 0 && pos.openSellLots >= 0, 'negative open lots');
}
