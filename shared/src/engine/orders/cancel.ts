import { type ReasonCode, reasonMessage } from '../codes/reason-codes';
import type { CancelAllCommand, CancelOrderCommand } from '../core/commands';
import { type Ctx, emit } from '../core/context';
import type { AccountState } from '../core/state';
import { cancelOcoSibling } from './contingent';
import { cancelOrder } from './lifecycle';
import { NIL } from './order-store';

/**
 * The account's open order with this id or client id. Another account's order is "not found",
 * exactly like a missing one, so ids leak nothing about other accounts.
 */
export function findOwnOrder(ctx: Ctx, account: AccountState, orderId: unknown, clientOrderId: unknown): number {
  let id = orderId;
  if (id === undefined && typeof clientOrderId === 'string') id = account.clientIds.get(clientOrderId);
  if (typeof id !== 'number') return NIL;
  const st = ctx.state.orders;
  const s = st.slotOf(id);
  return s !== NIL && st.accountIx(s) === account.ix ? s : NIL;
}

export function cancelOne(ctx: Ctx, account: AccountState, c: CancelOrderCommand): void {
  const o = findOwnOrder(ctx, account, c.orderId, c.clientOrderId);
  if (o === NIL) {
    const code: ReasonCode = 'ORDER_NOT_FOUND';
    const orderId = typeof c.orderId === 'number' && Number.isSafeInteger(c.orderId) ? c.orderId : 0;
    emit(ctx, { type: 'OrderCancelRejected', orderId, accountId: account.id, code, message: reasonMessage(code) });
    return;
  }
  cancelOrder(ctx, o, 'USER');
  cancelOcoSibling(ctx, o);
}

/** CancelAll by account, by instrument or both; orders go in id order. */
export function cancelAll(ctx: Ctx, c: CancelAllCommand): ReasonCode | undefined {
  const { state } = ctx;
  if (c.accountId === undefined && c.symbol === undefined) return 'CMD_MALFORMED';
  const ix =
    c.accountId === undefined ? -1 : typeof c.accountId === 'string' ? state.accountIx.get(c.accountId) : undefined;
  if (ix === undefined) return 'ACCOUNT_UNKNOWN';
  const instIx = c.symbol === undefined ? -1 : typeof c.symbol === 'string' ? state.symbolIx.get(c.symbol) : undefined;
  if (instIx === undefined) return 'INSTR_UNKNOWN';
  const st = state.orders;
  const source = ix >= 0 ? (state.accounts[ix] as AccountState).openOrders.toArray(st) : st.openSlots();
  const victims: number[] = [];
  for (const s of source) {
    if ((ix < 0 || st.accountIx(s) === ix) && (instIx < 0 || st.instIx(s) === instIx)) victims.push(st.orderId(s));
  }
  victims.sort((a, b) => a - b);
  for (const id of victims) {
    const s = st.slotOf(id);
    if (s !== NIL) cancelOrder(ctx, s, 'CANCEL_ALL');
  }
  return undefined;
}
