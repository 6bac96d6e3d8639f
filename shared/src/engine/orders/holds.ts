import { assert } from '../../util/assert';
import type { AccountState, InstrumentState } from '../core/state';
import { bigOf, type Minor } from '../portfolio/exact-number';
import { positionOf } from '../portfolio/position';
import { quoteHold } from '../portfolio/valuation';
import type { OrderStore } from './order-store';

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
  st: OrderStore,
  s: number,
  remainingLots: number,
  priceTicks: number,
): { minor: bigint; lots: number } {
  return {
    minor: bigOf(requiredHoldMinor(account, inst, st, s, remainingLots, priceTicks)),
    lots: requiredHoldLots(account, st, s, remainingLots),
  };
}

/** The quote-currency part of `requiredHold` (hot paths take the two parts without an object). */
export function requiredHoldMinor(
  account: AccountState,
  inst: InstrumentState,
  st: OrderStore,
  s: number,
  remainingLots: number,
  priceTicks: number,
): Minor {
  if (st.holdDeferred(s)) return 0;
  if (account.kind === 'cash') {
    if (!st.isBuy(s)) return 0;
    return quoteHold(account, inst, priceTicks, remainingLots, feeBpsForHold(account));
  }
  if (st.reduceOnly(s)) return 0;
  return quoteHold(account, inst, priceTicks, remainingLots, feeBpsForHold(account));
}

/** The lots part of `requiredHold`: a cash account's sell reserves what it sells. */
export function requiredHoldLots(account: AccountState, st: OrderStore, s: number, remainingLots: number): number {
  return !st.holdDeferred(s) && account.kind === 'cash' && !st.isBuy(s) ? remainingLots : 0;
}

/** Sets the order's reservation and moves the account totals by the difference. */
export function setHold(
  account: AccountState,
  inst: InstrumentState,
  st: OrderStore,
  s: number,
  minor: Minor,
  lots: number,
): void {
  const old = st.holdNum(s);
  if (typeof minor === 'number' && !Number.isNaN(old)) {
    // Both are safe integers ≥ 0, so the difference is exact too.
    if (minor !== old) {
      const total = account.holds.addNum(inst.quote, minor - old);
      if (total < 0) assert(false, 'negative hold total');
      if (total === 0) account.holds.delete(inst.quote);
      st.setHoldNum(s, minor);
    }
  } else setHoldBig(account, inst, st, s, bigOf(minor));
  const dLots = lots - st.holdLots(s);
  if (dLots !== 0) {
    const pos = positionOf(account, inst.ix);
    pos.heldLots += dLots;
    if (pos.heldLots < 0) assert(false, 'negative held lots');
    st.setHoldLots(s, lots);
  }
}

/** `setHold`'s quote part when an amount is beyond 2^53. */
function setHoldBig(account: AccountState, inst: InstrumentState, st: OrderStore, s: number, minor: bigint): void {
  const dMinor = minor - st.holdMinor(s);
  if (dMinor === 0n) return;
  const cur = (account.holds.get(inst.quote) ?? 0n) + dMinor;
  if (cur < 0n) assert(false, 'negative hold total');
  if (cur === 0n) account.holds.delete(inst.quote);
  else account.holds.set(inst.quote, cur);
  st.setHold(s, minor);
}

/** Recomputes the reservation for what remains of the order at its working price. */
export function refreshHold(account: AccountState, inst: InstrumentState, st: OrderStore, s: number): void {
  const remaining = st.remainingLots(s);
  const minor = requiredHoldMinor(account, inst, st, s, remaining, st.workingTicks(s));
  setHold(account, inst, st, s, minor, requiredHoldLots(account, st, s, remaining));
}

/** Open lots that could add to a position, per side (max-position risk counts them). */
export function setOpenLots(account: AccountState, st: OrderStore, s: number, deltaLots: number): void {
  if (deltaLots === 0 || st.reduceOnly(s)) return;
  const pos = positionOf(account, st.instIx(s));
  if (st.isBuy(s)) pos.openBuyLots += deltaLots;
  else pos.openSellLots += deltaLots;
  if (pos.openBuyLots < 0 || pos.openSellLots < 0) assert(false, 'negative open lots');
}
