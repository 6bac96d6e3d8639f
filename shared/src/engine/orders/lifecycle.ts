import type { OrderSide, OrderType } from '../../domain/order';
import { assert } from '../../util/assert';
import type { CancelReason } from '../codes/reason-codes';
import { type Ctx, emit } from '../core/context';
import type { AccountState, InstrumentState } from '../core/state';
import type { Minor } from '../portfolio/exact-number';
import { positionOf } from '../portfolio/position';
import { pushExpiry } from './expiry-heap';
import { setHold, setOpenLots } from './holds';
import type { OrderStore } from './order-store';
import { assertTransition } from './state-machine';
import { addTrailing, addTrigger, type Direction, removeTrailing, removeTrigger } from './triggers';

export function isConditional(type: OrderType): boolean {
  return type !== 'market' && type !== 'limit';
}

const isStop = (t: OrderType): boolean => t === 'stop_market' || t === 'stop_limit' || t === 'trailing_stop';

/** Which way the price must move to fire a conditional order (trailing stops: their own list). */
export function directionOf(side: OrderSide, type: OrderType): Direction {
  return (side === 'buy') === isStop(type) ? 'up' : 'down';
}

export function triggerDirection(st: OrderStore, s: number): Direction {
  return directionOf(st.side(s), st.type(s));
}

/** Waiting for its trigger: not yet fired. */
export function isUntriggered(st: OrderStore, s: number): boolean {
  return st.isConditional(s) && st.status(s) === 'accepted';
}

/** Puts a new order into every index: open orders, client ids, holds, triggers, expiries. */
export function registerOrder(
  ctx: Ctx,
  account: AccountState,
  inst: InstrumentState,
  s: number,
  holdMinor: Minor,
  holdLots: number,
): void {
  const { state } = ctx;
  const st = state.orders;
  const orderId = st.orderId(s);
  if (!(orderId > state.lastRegisteredId && orderId < state.nextOrderId))
    assert(false, 'order id reused or not issued');
  state.lastRegisteredId = orderId;
  st.register(s);
  account.openOrders.add(st, s);
  const cid = st.clientOrderId(s);
  if (cid !== '') account.clientIds.insert(cid, orderId, state.nowMs, account.limits);
  setHold(account, inst, st, s, holdMinor, holdLots);
  setOpenLots(account, st, s, st.qtyLots(s));
  if (st.reduceOnly(s)) positionOf(account, inst.ix).reduceOnlyOrders++;
  const expireAt = st.expireAtMs(s);
  if (expireAt > 0) pushExpiry(state.expiries, expireAt, orderId);
  if (st.isConditional(s)) armTrigger(inst, st, s);
}

export function armTrigger(inst: InstrumentState, st: OrderStore, s: number): void {
  if (st.type(s) === 'trailing_stop') addTrailing(inst.triggers, st.orderId(s));
  else addTrigger(inst.triggers, triggerDirection(st, s), st.triggerTicks(s), st.orderId(s));
}

export function disarmTrigger(inst: InstrumentState, st: OrderStore, s: number): void {
  const removed =
    st.type(s) === 'trailing_stop'
      ? removeTrailing(inst.triggers, st.orderId(s))
      : removeTrigger(inst.triggers, triggerDirection(st, s), st.triggerTicks(s), st.orderId(s));
  if (!removed) assert(false, `untriggered order ${st.orderId(s)} missing from the trigger lists`);
}

/** Takes the order out of the book or the trigger lists, wherever it waits. */
function detach(inst: InstrumentState, st: OrderStore, s: number): void {
  if (st.inBook(s)) {
    const lots = inst.book.cancelAt(st.bookSlot(s), st.orderId(s));
    if (lots !== st.remainingLots(s)) assert(false, `book and engine disagree on order ${st.orderId(s)}`);
    st.setInBook(s, false);
  } else if (isUntriggered(st, s)) {
    disarmTrigger(inst, st, s);
  }
}

/** Ends an open order: out of every index, reservations released. Emits nothing. */
export function retireOrder(ctx: Ctx, s: number, status: 'filled' | 'cancelled' | 'expired'): void {
  const { state } = ctx;
  const st = state.orders;
  const account = state.accounts[st.accountIx(s)] as AccountState;
  const inst = state.instruments[st.instIx(s)] as InstrumentState;
  detach(inst, st, s);
  setHold(account, inst, st, s, 0, 0);
  setOpenLots(account, st, s, -st.remainingLots(s));
  if (st.reduceOnly(s)) positionOf(account, inst.ix).reduceOnlyOrders--;
  assertTransition(st.status(s), status);
  st.setStatus(s, status);
  st.remove(s);
  account.openOrders.delete(st, s);
  const cid = st.clientOrderId(s);
  if (cid !== '') account.clientIds.end(cid, st.orderId(s), state.nowMs, account.limits);
}

export function cancelOrder(ctx: Ctx, s: number, reason: CancelReason): void {
  const st = ctx.state.orders;
  const remaining = st.remainingLots(s);
  retireOrder(ctx, s, 'cancelled');
  const accountId = (ctx.state.accounts[st.accountIx(s)] as AccountState).id;
  emit(ctx, {
    type: 'OrderCancelled',
    orderId: st.orderId(s),
    accountId,
    reason,
    filledLots: st.filledLots(s),
    cancelledLots: remaining,
    status: 'cancelled',
  });
}

export function expireOrder(ctx: Ctx, s: number): void {
  const st = ctx.state.orders;
  const remaining = st.remainingLots(s);
  retireOrder(ctx, s, 'expired');
  const accountId = (ctx.state.accounts[st.accountIx(s)] as AccountState).id;
  emit(ctx, {
    type: 'OrderExpired',
    orderId: st.orderId(s),
    accountId,
    filledLots: st.filledLots(s),
    expiredLots: remaining,
    status: 'expired',
  });
}
