import { assert } from '../../util/assert';
import { type Ctx, emit } from '../core/context';
import type { AccountState, InstrumentState } from '../core/state';
import { positionOf } from '../portfolio/position';
import { refreshHold, requiredHold } from './holds';
import { cancelOrder, isConditional, registerOrder } from './lifecycle';
import { NIL } from './order-store';
import { newRecord, rejectOrder } from './place';

/**
 * OCO and bracket handling. An OCO pair is two orders linked by `ocoId`; the first fill or
 * trigger of either cancels the other. A bracket entry carries the specs of its take-profit and
 * stop-loss; each fill of the entry puts (or grows) a reduce-only OCO pair of legs for the lots
 * filled so far.
 */
export function cancelOcoSibling(ctx: Ctx, s: number): void {
  const st = ctx.state.orders;
  const ocoId = st.ocoId(s);
  if (ocoId === 0) return;
  const sibling = st.slotOf(ocoId);
  st.setOcoId(s, 0);
  if (sibling === NIL) return;
  st.setOcoId(sibling, 0);
  cancelOrder(ctx, sibling, 'OCO_SIBLING');
}

/** Called after an entry's fills: legs cover every filled lot. */
export function coverBracket(ctx: Ctx, entry: number): void {
  const st = ctx.state.orders;
  const x = st.extra(entry);
  const filled = st.filledLots(entry);
  if (x.bracket === null || filled <= x.coveredLots) return;
  const add = filled - x.coveredLots;
  x.coveredLots = filled;
  const tp = st.slotOf(x.takeProfitId);
  const sl = st.slotOf(x.stopLossId);
  if (
    tp !== NIL &&
    sl !== NIL &&
    st.filledLots(tp) === 0 &&
    st.status(tp) === 'accepted' &&
    st.status(sl) === 'accepted'
  ) {
    growLegs(ctx, entry, tp, sl, add);
  } else {
    newLegs(ctx, entry, add);
  }
}

function newLegs(ctx: Ctx, entry: number, qtyLots: number): void {
  const st = ctx.state.orders;
  const b = st.extraOf(entry).bracket;
  if (b === null) return;
  const account = ctx.state.accounts[st.accountIx(entry)] as AccountState;
  const inst = ctx.state.instruments[st.instIx(entry)] as InstrumentState;
  const side = st.isBuy(entry) ? 'sell' : 'buy';
  const pos = positionOf(account, inst.ix);
  if (account.kind === 'cash' && pos.qtyLots - pos.heldLots < qtyLots) {
    // The lots were sold or reserved by another order meanwhile: no leg can cover them.
    rejectOrder(
      ctx,
      account.id,
      inst.instrument.symbol,
      '',
      'RISK_INSUFFICIENT_POSITION',
      'bracket legs not placed: the lots are already reserved',
    );
    return;
  }
  const common = {
    ok: true,
    inst,
    clientOrderId: '',
    side,
    tif: 'GTC',
    qtyLots,
    trailTicks: 0,
    trailBps: 0,
    expireAtMs: 0,
    postOnly: false,
    reduceOnly: true,
  } as const;
  const tpSpec = { ...common, type: 'limit', priceTicks: b.takeProfitTicks, triggerTicks: 0 } as const;
  const tp = newRecord(ctx, account, tpSpec, b.takeProfitTicks, 0);
  ctx.state.nextOrderId++;
  const slType = b.stopLossLimitTicks > 0 ? 'stop_limit' : 'stop_market';
  const slSpec = {
    ...common,
    type: slType,
    priceTicks: b.stopLossLimitTicks,
    triggerTicks: b.stopLossTriggerTicks,
  } as const;
  const slWorking = b.stopLossLimitTicks > 0 ? b.stopLossLimitTicks : b.stopLossTriggerTicks;
  const sl = newRecord(ctx, account, slSpec, slWorking, b.stopLossTriggerTicks);
  ctx.state.nextOrderId++;
  registerLegs(ctx, account, inst, entry, tp, sl);
  // The stop may already be through the market: let the trigger check see the current price.
  if (inst.markTicks > 0) ctx.priceMoves.push3(inst.ix, inst.markTicks, inst.markTicks);
}

/** Links the new legs as an OCO pair under the entry, registers and reports them, queues the take-profit. */
function registerLegs(ctx: Ctx, account: AccountState, inst: InstrumentState, entry: number, tp: number, sl: number) {
  const st = ctx.state.orders;
  const entryId = st.orderId(entry);
  st.setOcoId(tp, st.orderId(sl));
  st.setOcoId(sl, st.orderId(tp));
  st.setHoldDeferred(sl, true);
  for (const leg of [tp, sl]) {
    st.extra(leg).parentId = entryId;
    const h = requiredHold(account, inst, st, leg, st.qtyLots(leg), st.workingTicks(leg));
    registerOrder(ctx, account, inst, leg, h.minor, h.lots);
    emitLegAccepted(ctx, account, inst, leg, entryId);
  }
  const x = st.extra(entry);
  x.takeProfitId = st.orderId(tp);
  x.stopLossId = st.orderId(sl);
  ctx.toExecute.push(st.orderId(tp));
}

/** More of the entry filled: both untouched legs grow (the resting take-profit loses priority). */
function growLegs(ctx: Ctx, entry: number, tp: number, sl: number, add: number): void {
  const st = ctx.state.orders;
  const account = ctx.state.accounts[st.accountIx(entry)] as AccountState;
  const inst = ctx.state.instruments[st.instIx(entry)] as InstrumentState;
  for (const leg of [tp, sl]) {
    if (st.inBook(leg)) {
      if (inst.book.cancelAt(st.bookSlot(leg), st.orderId(leg)) === 0)
        assert(false, 'bracket leg missing from its book');
      st.setInBook(leg, false);
      ctx.toExecute.push(st.orderId(leg));
    }
    st.setQtyLots(leg, st.qtyLots(leg) + add);
    refreshHold(account, inst, st, leg);
    emit(ctx, {
      type: 'OrderModified',
      orderId: st.orderId(leg),
      accountId: account.id,
      qtyLots: st.qtyLots(leg),
      priceTicks: st.priceTicks(leg),
      triggerPriceTicks: st.triggerTicks(leg),
      priorityKept: false,
      workingTicks: st.workingTicks(leg),
      status: st.status(leg),
    });
  }
}

function emitLegAccepted(ctx: Ctx, account: AccountState, inst: InstrumentState, leg: number, entryId: number): void {
  const st = ctx.state.orders;
  const type = st.type(leg);
  emit(ctx, {
    type: 'OrderAccepted',
    orderId: st.orderId(leg),
    clientOrderId: '',
    accountId: account.id,
    symbol: inst.instrument.symbol,
    side: st.side(leg),
    orderType: type,
    tif: st.tif(leg),
    qtyLots: st.qtyLots(leg),
    priceTicks: st.priceTicks(leg),
    triggerPriceTicks: st.triggerTicks(leg),
    workingTicks: isConditional(type) ? 0 : st.workingTicks(leg),
    linkedOrderId: entryId,
    status: 'accepted',
  });
}
