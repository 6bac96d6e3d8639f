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
  if (o.holdDeferred) return { minor: 0n, lots: 0 };
  if (account.kind === 'cash') {
    if (o.side === 'sell') return { minor: 0n, lots: remainingLots };
    return { minor: quoteHoldMinor(account, inst, priceTicks, remainingLots, feeBpsForHold(account)), lots: 0 };
  }
  if (o.reduceOnly) return { minor: 0n, lots: 0 };
  return { minor: quoteHoldMinor(account, inst, priceTicks, remainingLots, feeBpsForHold(account)), lots: 0 };
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
  const h = requiredHold(account, inst, o, o.qtyLots - o.filledLots, o.workingTicks);
  setHold(account, inst, o, h.minor, h.lots);
}

/** Open lots that could add to a position, per side (max-position risk counts them). */
export function setOpenLots(account: AccountState, o: OrderRecord, deltaLots: number): void {
  if (o.reduceOnly || deltaLots === 0) return;
  const pos = positionOf(account, o.instIx);
  if (o.side === 'buy') pos.openBuyLots += deltaLots;
  else pos.openSellLots += deltaLots;
  assert(pos.openBuyLots >= 0 && pos.openSellLots >= 0, 'negative open lots');
}
