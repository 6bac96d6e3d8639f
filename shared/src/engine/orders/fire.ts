import { type Ctx, emit } from '../core/context';
import type { AccountState, InstrumentState, OrderRecord } from '../core/state';
import { availableMinor } from '../portfolio/valuation';
import { cancelOcoSibling } from './contingent';
import { refreshHold } from './holds';
import { cancelOrder, disarmTrigger, triggerDirection } from './lifecycle';
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
  for (const id of ids) {
    const o = ctx.state.orders.get(id);
    if (o === undefined || o.status !== 'accepted') continue;
    if (ctx.cascadeLeft <= 0) return; // budget spent: the rest fire on a later price move
    ctx.cascadeLeft--;
    disarmTrigger(inst, o);
    const up = o.type === 'trailing_stop' ? o.side === 'buy' : triggerDirection(o) === 'up';
    trigger(ctx, inst, o, up ? high : low);
  }
}

function collectTrailing(ctx: Ctx, inst: InstrumentState, low: number, high: number, out: number[]): void {
  for (const id of inst.triggers.trailing) {
    const o = ctx.state.orders.get(id) as OrderRecord;
    const hit = o.side === 'sell' ? low <= o.triggerTicks : high >= o.triggerTicks;
    if (hit) {
      out.push(id);
      continue;
    }
    // Ratchet: a sell's trigger only rises with the high, a buy's only falls with the low.
    const next = trailingTrigger(o.side, o.side === 'sell' ? high : low, o.trailTicks, o.trailBps);
    if (o.side === 'sell' ? next > o.triggerTicks : next < o.triggerTicks) o.triggerTicks = next;
  }
}

/** Fires one order: report, cancel its OCO sibling, set its working price, queue it for the book. */
function trigger(ctx: Ctx, inst: InstrumentState, o: OrderRecord, atPriceTicks: number): void {
  const account = ctx.state.accounts[o.accountIx] as AccountState;
  assertTransition(o.status, 'triggered');
  o.status = 'triggered';
  if (o.priceTicks === 0) {
    // Market-like: protect from the current price; a buy never above what its reservation covers.
    const p = protectedPrice(ctx, o.side, inst.markTicks > 0 ? inst.markTicks : atPriceTicks);
    o.workingTicks = o.side === 'buy' ? Math.min(p, o.workingTicks) : p;
  }
  emit(ctx, {
    type: 'OrderTriggered',
    orderId: o.orderId,
    accountId: account.id,
    triggerPriceTicks: o.triggerTicks,
    atPriceTicks,
    workingTicks: o.workingTicks,
    status: 'triggered',
  });
  cancelOcoSibling(ctx, o);
  o.holdDeferred = false;
  refreshHold(account, inst, o);
  if (!reservationCovered(account, inst)) {
    cancelOrder(ctx, o, 'INSUFFICIENT_FUNDS');
    return;
  }
  ctx.toExecute.push(o.orderId);
}

function reservationCovered(account: AccountState, inst: InstrumentState): boolean {
  if (account.kind !== 'cash') return true;
  const pos = account.positions[inst.ix];
  return availableMinor(account, inst.quote) >= 0n && (pos === undefined || pos.qtyLots >= pos.heldLots);
}
