import { type Ctx, emit } from '../core/context';
import type { ReusableList } from '../core/reusable-list';
import type { AccountState, InstrumentState, OrderRecord } from '../core/state';
import { cancelOcoSibling, coverBracket } from './contingent';
import { refreshHold } from './holds';
import { cancelOrder } from './lifecycle';

/**
 * After a submit's fills are settled: OCO siblings of filled orders are cancelled, bracket
 * entries get their legs, and reduce-only orders of the accounts that traded are trimmed to
 * their (possibly smaller) position, or cancelled when they could no longer reduce it.
 */
export function afterFills(ctx: Ctx, inst: InstrumentState, touched: ReusableList<OrderRecord>): void {
  for (let i = 0; i < touched.length; i++) {
    const o = touched.at(i);
    if (o.filledLots === 0) continue;
    // A bracket leg's partial fill trims its sibling through reduce-only; a full fill ends it.
    if (o.ocoId !== 0 && (o.parentId === 0 || o.filledLots === o.qtyLots)) cancelOcoSibling(ctx, o);
    if (o.bracket !== null) coverBracket(ctx, o);
  }
  for (let i = 0; i < touched.length; i++) {
    const ix = touched.at(i).accountIx;
    let seen = false;
    for (let j = 0; j < i; j++) if (touched.at(j).accountIx === ix) seen = true;
    if (!seen) enforceReduceOnly(ctx, ctx.state.accounts[ix] as AccountState, inst);
  }
}

export function enforceReduceOnly(ctx: Ctx, account: AccountState, inst: InstrumentState): void {
  const pos = account.positions[inst.ix];
  if (pos === undefined || pos.reduceOnlyOrders === 0) return;
  const victims: OrderRecord[] = [];
  const trims: OrderRecord[] = [];
  for (let o = account.openOrders.first(); o !== null; o = o.nextOpen) {
    if (!o.reduceOnly || o.instIx !== inst.ix) continue;
    const reducible = o.side === 'sell' ? pos.qtyLots : -pos.qtyLots;
    if (reducible <= 0) victims.push(o);
    else if (o.qtyLots - o.filledLots > reducible) trims.push(o);
  }
  for (const o of victims) cancelOrder(ctx, o, 'REDUCE_ONLY');
  for (const o of trims) trim(ctx, account, inst, o, Math.abs(pos.qtyLots));
}

/** Shrinks a reduce-only order to `remainingLots`; a decrease keeps its place in the queue. */
function trim(ctx: Ctx, account: AccountState, inst: InstrumentState, o: OrderRecord, remainingLots: number): void {
  if (o.inBook) inst.book.reduce(o.orderId, remainingLots);
  o.qtyLots = o.filledLots + remainingLots;
  refreshHold(account, inst, o);
  emit(ctx, {
    type: 'OrderModified',
    orderId: o.orderId,
    accountId: account.id,
    qtyLots: o.qtyLots,
    priceTicks: o.priceTicks,
    triggerPriceTicks: o.triggerTicks,
    priorityKept: true,
    workingTicks: o.workingTicks,
    status: o.status,
  });
}
