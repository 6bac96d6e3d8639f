import { type Ctx, emit } from '../core/context';
import type { AccountState, InstrumentState } from '../core/state';
import { availableMinor } from '../portfolio/valuation';
import { cancelOcoSibling } from './contingent';
import { refreshHold } from './holds';
import { cancelOrder, disarmTrigger, triggerDirection } from './lifecycle';
import { NIL } from './order-store';
import { protectedPrice } from './place';
import { assertTransition } from './state-machine';
import { collectDue, trailingTrigger } from './triggers';

const due: number[] = [];

/**
 * The price of an instrument moved through [low, high]: fire the conditional orders it
 * reached (each becomes a market or limit order queued for the book), and ratchet the
 * trailing stops it did not reach. Orders fire in (trigger, id) order; one whose OCO sibling
 * fired first is already gone when its turn comes.
 */
export function onPriceMove(ctx: Ctx, inst: InstrumentState, low: number, high: number): void {
  if (due.length !== 0) due.length = 0;
  collectDue(inst.triggers, low, high, due);
  collectTrailing(ctx, inst, low, high, due);
  if (due.length === 0) return; // the common case: nothing reached (no copy, no garbage)
  const ids = due.slice();
  const st = ctx.state.orders;
  for (const id of ids) {
    const o = st.slotOf(id);
    if (o === NIL || st.status(o) !== 'accepted') continue;
    if (ctx.cascadeLeft <= 0) return; // budget spent: the rest fire on a later price move
    ctx.cascadeLeft--;
    disarmTrigger(inst, st, o);
    const up = st.type(o) === 'trailing_stop' ? st.isBuy(o) : triggerDirection(st, o) === 'up';
    trigger(ctx, inst, o, up ? high : low);
  }
}

function collectTrailing(ctx: Ctx, inst: InstrumentState, low: number, high: number, out: number[]): void {
  const st = ctx.state.orders;
  for (const id of inst.triggers.trailing) {
    const o = st.slotOf(id);
    const sell = !st.isBuy(o);
    const current = st.triggerTicks(o);
    const hit = sell ? low <= current : high >= current;
    if (hit) {
      out.push(id);
      continue;
    }
    // Ratchet: a sell's trigger only rises with the high, a buy's only falls with the low.
    const x = st.extraOf(o);
    const next = trailingTrigger(st.side(o), sell ? high : low, x.trailTicks, x.trailBps);
    if (sell ? next > current : next < current) st.setTriggerTicks(o, next);
  }
}

/** Fires one order: report, cancel its OCO sibling, set its working price, queue it for the book. */
function trigger(ctx: Ctx, inst: InstrumentState, o: number, atPriceTicks: number): void {
  const st = ctx.state.orders;
  const account = ctx.state.accounts[st.accountIx(o)] as AccountState;
  assertTransition(st.status(o), 'triggered');
  st.setStatus(o, 'triggered');
  if (st.priceTicks(o) === 0) {
    // Market-like: protect from the current price; a buy never above what its reservation covers.
    const p = protectedPrice(ctx, st.side(o), inst.markTicks > 0 ? inst.markTicks : atPriceTicks);
    st.setWorkingTicks(o, st.isBuy(o) ? Math.min(p, st.workingTicks(o)) : p);
  }
  emit(ctx, {
    type: 'OrderTriggered',
    orderId: st.orderId(o),
    accountId: account.id,
    triggerPriceTicks: st.triggerTicks(o),
    atPriceTicks,
    workingTicks: st.workingTicks(o),
    status: 'triggered',
  });
  cancelOcoSibling(ctx, o);
  st.setHoldDeferred(o, false);
  refreshHold(account, inst, st, o);
  if (!reservationCovered(account, inst)) {
    cancelOrder(ctx, o, 'INSUFFICIENT_FUNDS');
    return;
  }
  ctx.toExecute.push(st.orderId(o));
}

function reservationCovered(account: AccountState, inst: InstrumentState): boolean {
  if (account.kind !== 'cash') return true;
  const pos = account.positions[inst.ix];
  return availableMinor(account, inst.quote) >= 0n && (pos === undefined || pos.qtyLots >= pos.heldLots);
}
