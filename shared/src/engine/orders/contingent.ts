import { type Ctx, emit } from '../core/context';
import type { AccountState, InstrumentState, OrderRecord } from '../core/state';
import { positionOf } from '../portfolio/position';
import { refreshHold, requiredHold } from './holds';
import { cancelOrder, isConditional, registerOrder } from './lifecycle';
import { newRecord, rejectOrder } from './place';

/**
 * OCO and bracket handling. An OCO pair is two orders linked by `ocoId`; the first fill or
 * trigger of either cancels the other. A bracket entry carries the specs of its take-profit and
 * stop-loss; each fill of the entry puts (or grows) a reduce-only OCO pair of legs for the lots
 * filled so far.
 */
export function cancelOcoSibling(ctx: Ctx, o: OrderRecord): void {
  if (o.ocoId === 0) return;
  const sibling = ctx.state.orders.get(o.ocoId);
  o.ocoId = 0;
  if (sibling === undefined) return;
  sibling.ocoId = 0;
  cancelOrder(ctx, sibling, 'OCO_SIBLING');
}

/** Called after an entry's fills: legs cover every filled lot. */
export function coverBracket(ctx: Ctx, entry: OrderRecord): void {
  const b = entry.bracket;
  if (b === null || entry.filledLots <= entry.coveredLots) return;
  const add = entry.filledLots - entry.coveredLots;
  entry.coveredLots = entry.filledLots;
  const tp = ctx.state.orders.get(entry.takeProfitId);
  const sl = ctx.state.orders.get(entry.stopLossId);
  if (
    tp !== undefined &&
    sl !== undefined &&
    tp.filledLots === 0 &&
    tp.status === 'accepted' &&
    sl.status === 'accepted'
  ) {
    growLegs(ctx, entry, tp, sl, add);
  } else {
    newLegs(ctx, entry, add);
  }
}

function newLegs(ctx: Ctx, entry: OrderRecord, qtyLots: number): void {
  const b = entry.bracket;
  if (b === null) return;
  const account = ctx.state.accounts[entry.accountIx] as AccountState;
  const inst = ctx.state.instruments[entry.instIx] as InstrumentState;
  const side = entry.side === 'buy' ? 'sell' : 'buy';
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
  tp.ocoId = sl.orderId;
  sl.ocoId = tp.orderId;
  sl.holdDeferred = true;
  for (const leg of [tp, sl]) {
    Object.assign(leg, { parentId: entry.orderId });
    const h = requiredHold(account, inst, leg, leg.qtyLots, leg.workingTicks);
    registerOrder(ctx, account, inst, leg, h.minor, h.lots);
    emitLegAccepted(ctx, account, inst, leg, entry.orderId);
  }
  entry.takeProfitId = tp.orderId;
  entry.stopLossId = sl.orderId;
  ctx.toExecute.push(tp.orderId);
  // The stop may already be through the market: let the trigger check see the current price.
  if (inst.markTicks > 0) ctx.priceMoves.push3(inst.ix, inst.markTicks, inst.markTicks);
}

/** More of the entry filled: both untouched legs grow (the resting take-profit loses priority). */
function growLegs(ctx: Ctx, entry: OrderRecord, tp: OrderRecord, sl: OrderRecord, add: number): void {
  const account = ctx.state.accounts[entry.accountIx] as AccountState;
  const inst = ctx.state.instruments[entry.instIx] as InstrumentState;
  for (const leg of [tp, sl]) {
    if (leg.inBook) {
      inst.book.cancel(leg.orderId);
      leg.inBook = false;
      ctx.toExecute.push(leg.orderId);
    }
    leg.qtyLots += add;
    refreshHold(account, inst, leg);
    emit(ctx, {
      type: 'OrderModified',
      orderId: leg.orderId,
      accountId: account.id,
      qtyLots: leg.qtyLots,
      priceTicks: leg.priceTicks,
      triggerPriceTicks: leg.triggerTicks,
      priorityKept: false,
      workingTicks: leg.workingTicks,
      status: leg.status,
    });
  }
}

function emitLegAccepted(
  ctx: Ctx,
  account: AccountState,
  inst: InstrumentState,
  leg: OrderRecord,
  entryId: number,
): void {
  emit(ctx, {
    type: 'OrderAccepted',
    orderId: leg.orderId,
    clientOrderId: '',
    accountId: account.id,
    symbol: inst.instrument.symbol,
    side: leg.side,
    orderType: leg.type,
    tif: leg.tif,
    qtyLots: leg.qtyLots,
    priceTicks: leg.priceTicks,
    triggerPriceTicks: leg.triggerTicks,
    workingTicks: isConditional(leg.type) ? 0 : leg.workingTicks,
    linkedOrderId: entryId,
    status: 'accepted',
  });
}
