import type { OrderType } from '../../domain/order';
import { assert } from '../../util/assert';
import type { CancelReason } from '../codes/reason-codes';
import { type Ctx, emit } from '../core/context';
import type { AccountState, InstrumentState, OrderRecord } from '../core/state';
import { positionOf } from '../portfolio/position';
import { pushExpiry } from './expiry-heap';
import { setHold, setOpenLots } from './holds';
import { assertTransition } from './state-machine';
import { addTrailing, addTrigger, type Direction, removeTrailing, removeTrigger } from './triggers';

export function isConditional(type: OrderType): boolean {
  return type !== 'market' && type !== 'limit';
}

/** Which way the price must move to fire a conditional order (trailing stops: their own list). */
export function triggerDirection(o: OrderRecord): Direction {
  const stop = o.type === 'stop_market' || o.type === 'stop_limit' || o.type === 'trailing_stop';
  return (o.side === 'buy') === stop ? 'up' : 'down';
}

/** Waiting for its trigger: not yet fired. */
export function isUntriggered(o: OrderRecord): boolean {
  return isConditional(o.type) && o.status === 'accepted';
}

/** Puts a new order into every index: open orders, client ids, holds, triggers, expiries. */
export function registerOrder(
  ctx: Ctx,
  account: AccountState,
  inst: InstrumentState,
  o: OrderRecord,
  holdMinor: bigint,
  holdLots: number,
): void {
  const { state } = ctx;
  assert(o.orderId > state.lastRegisteredId && o.orderId < state.nextOrderId, 'order id reused or not issued');
  state.lastRegisteredId = o.orderId;
  state.orders.set(o.orderId, o);
  account.openOrders.add(o);
  if (o.clientOrderId !== '') account.clientIds.insert(o.clientOrderId, o.orderId);
  setHold(account, inst, o, holdMinor, holdLots);
  setOpenLots(account, o, o.qtyLots);
  if (o.reduceOnly) positionOf(account, o.instIx).reduceOnlyOrders++;
  if (o.expireAtMs > 0) pushExpiry(state.expiries, o.expireAtMs, o.orderId);
  if (isConditional(o.type)) armTrigger(inst, o);
}

export function armTrigger(inst: InstrumentState, o: OrderRecord): void {
  if (o.type === 'trailing_stop') addTrailing(inst.triggers, o.orderId);
  else addTrigger(inst.triggers, triggerDirection(o), o.triggerTicks, o.orderId);
}

export function disarmTrigger(inst: InstrumentState, o: OrderRecord): void {
  const removed =
    o.type === 'trailing_stop'
      ? removeTrailing(inst.triggers, o.orderId)
      : removeTrigger(inst.triggers, triggerDirection(o), o.triggerTicks, o.orderId);
  assert(removed, `untriggered order ${o.orderId} missing from the trigger lists`);
}

/** Takes the order out of the book or the trigger lists, wherever it waits. */
function detach(inst: InstrumentState, o: OrderRecord): void {
  if (o.inBook) {
    const lots = inst.book.cancel(o.orderId);
    assert(lots === o.qtyLots - o.filledLots, `book and engine disagree on order ${o.orderId}`);
    o.inBook = false;
  } else if (isUntriggered(o)) {
    disarmTrigger(inst, o);
  }
}

/** Ends an open order: out of every index, reservations released. Emits nothing. */
export function retireOrder(ctx: Ctx, o: OrderRecord, status: 'filled' | 'cancelled' | 'expired'): void {
  const { state } = ctx;
  const account = state.accounts[o.accountIx] as AccountState;
  const inst = state.instruments[o.instIx] as InstrumentState;
  detach(inst, o);
  setHold(account, inst, o, 0n, 0);
  setOpenLots(account, o, -(o.qtyLots - o.filledLots));
  if (o.reduceOnly) positionOf(account, o.instIx).reduceOnlyOrders--;
  assertTransition(o.status, status);
  o.status = status;
  state.orders.delete(o.orderId);
  account.openOrders.delete(o);
  ctx.pool.retire(o);
}

export function cancelOrder(ctx: Ctx, o: OrderRecord, reason: CancelReason): void {
  const remaining = o.qtyLots - o.filledLots;
  retireOrder(ctx, o, 'cancelled');
  const accountId = (ctx.state.accounts[o.accountIx] as AccountState).id;
  emit(ctx, {
    type: 'OrderCancelled',
    orderId: o.orderId,
    accountId,
    reason,
    filledLots: o.filledLots,
    cancelledLots: remaining,
    status: 'cancelled',
  });
}

export function expireOrder(ctx: Ctx, o: OrderRecord): void {
  const remaining = o.qtyLots - o.filledLots;
  retireOrder(ctx, o, 'expired');
  const accountId = (ctx.state.accounts[o.accountIx] as AccountState).id;
  emit(ctx, {
    type: 'OrderExpired',
    orderId: o.orderId,
    accountId,
    filledLots: o.filledLots,
    expiredLots: remaining,
    status: 'expired',
  });
}
