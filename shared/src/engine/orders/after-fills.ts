import { assert } from '../../util/assert';
import { type Ctx, emit } from '../core/context';
import type { ReusableList } from '../core/reusable-list';
import type { AccountState, InstrumentState } from '../core/state';
import { cancelOcoSibling, coverBracket } from './contingent';
import { refreshHold } from './holds';
import { cancelOrder } from './lifecycle';
import { NIL } from './order-store';

/**
 * After a submit's fills are settled: OCO siblings of filled orders are cancelled, bracket
 * entries get their legs, and reduce-only orders of the accounts that traded are trimmed to
 * their (possibly smaller) position, or cancelled when they could no longer reduce it.
 */
export function afterFills(ctx: Ctx, inst: InstrumentState, touched: ReusableList<number>): void {
  const st = ctx.state.orders;
  for (let i = 0; i < touched.length; i++) {
    const s = touched.at(i);
    if (st.filledLots(s) === 0 || !st.hasExtra(s)) continue;
    const x = st.extraOf(s);
    // A bracket leg's partial fill trims its sibling through reduce-only; a full fill ends it.
    if (x.ocoId !== 0 && (x.parentId === 0 || st.filledLots(s) === st.qtyLots(s))) cancelOcoSibling(ctx, s);
    if (x.bracket !== null) coverBracket(ctx, s);
  }
  for (let i = 0; i < touched.length; i++) {
    const ix = st.accountIx(touched.at(i));
    let seen = false;
    for (let j = 0; j < i; j++) if (st.accountIx(touched.at(j)) === ix) seen = true;
    if (!seen) enforceReduceOnly(ctx, ctx.state.accounts[ix] as AccountState, inst);
  }
}

export function enforceReduceOnly(ctx: Ctx, account: AccountState, inst: InstrumentState): void {
  const pos = account.positions[inst.ix];
  if (pos === undefined || pos.reduceOnlyOrders === 0) return;
  const st = ctx.state.orders;
  const victims: number[] = [];
  const trims: number[] = [];
  for (let s = account.openOrders.first(); s !== NIL; s = st.nextOpen(s)) {
    if (!st.reduceOnly(s) || st.instIx(s) !== inst.ix) continue;
    const reducible = st.isBuy(s) ? -pos.qtyLots : pos.qtyLots;
    if (reducible <= 0) victims.push(s);
    else if (st.remainingLots(s) > reducible) trims.push(s);
  }
  for (const s of victims) cancelOrder(ctx, s, 'REDUCE_ONLY');
  for (const s of trims) trim(ctx, account, inst, s, Math.abs(pos.qtyLots));
}

/** Shrinks a reduce-only order to `remainingLots`; a decrease keeps its place in the queue. */
function trim(ctx: Ctx, account: AccountState, inst: InstrumentState, s: number, remainingLots: number): void {
  const st = ctx.state.orders;
  if (st.inBook(s) && inst.book.reduceAt(st.bookSlot(s), st.orderId(s), remainingLots) !== 'reduced')
    assert(false, 'reduce-only trim refused by the book');
  st.setQtyLots(s, st.filledLots(s) + remainingLots);
  refreshHold(account, inst, st, s);
  emit(ctx, {
    type: 'OrderModified',
    orderId: st.orderId(s),
    accountId: account.id,
    qtyLots: st.qtyLots(s),
    priceTicks: st.priceTicks(s),
    triggerPriceTicks: st.triggerTicks(s),
    priorityKept: true,
    workingTicks: st.workingTicks(s),
    status: st.status(s),
  });
}
