import type { ReasonCode } from '../codes/reason-codes';
import type { PlaceBracketCommand, PlaceOcoCommand } from '../core/commands';
import type { Ctx } from '../core/context';
import type { AccountState } from '../core/state';
import { checkPreTrade } from '../risk/pre-trade';
import { execute } from './execute';
import { isConditional } from './lifecycle';
import { accept, type Prepared, prepare, rejectOrder, riskInput } from './place';

/**
 * PlaceOco: two orders of one instrument, both checked before either is accepted. When both
 * sit on the same side they compete for the same funds, so one must be conditional and it
 * reserves nothing while its sibling lives (only one of the two can ever execute).
 */
export function placeOco(ctx: Ctx, account: AccountState, c: PlaceOcoCommand): void {
  const a = prepare(ctx, account, c.first);
  if (!a.ok) {
    rejectOrder(ctx, account.id, a.symbol, a.clientOrderId, a.code, a.message);
    return;
  }
  const firstCid = a.spec.clientOrderId;
  const b = prepare(ctx, account, c.second, firstCid === '' ? undefined : firstCid);
  if (!b.ok) {
    rejectOrder(ctx, account.id, b.symbol, b.clientOrderId, b.code, b.message);
    return;
  }
  const st = ctx.state.orders;
  // Both were prepared with the next id; the second is accepted after the first.
  st.setOrderId(b.slot, st.orderId(b.slot) + 1);
  const second = b;
  const code = checkPair(ctx, a, second) ?? pairRisk(ctx, account, a, second);
  if (code !== undefined) {
    rejectOrder(ctx, account.id, a.spec.inst.instrument.symbol, firstCid, code);
    return;
  }
  const o1 = accept(ctx, account, a);
  const o2 = accept(ctx, account, second, st.orderId(o1));
  st.setOcoId(o1, st.orderId(o2));
  st.setOcoId(o2, st.orderId(o1));
  if (!st.isConditional(o1)) execute(ctx, o1);
  if (!st.isConditional(o2) && st.has(st.orderId(o2))) ctx.toExecute.push(st.orderId(o2));
}

function checkPair(ctx: Ctx, a: Prepared, b: Prepared): ReasonCode | undefined {
  if (a.spec.inst !== b.spec.inst) return 'ORDER_INVALID_CONTINGENCY';
  if (a.spec.tif === 'IOC' || a.spec.tif === 'FOK' || b.spec.tif === 'IOC' || b.spec.tif === 'FOK')
    return 'ORDER_INVALID_CONTINGENCY';
  if (a.spec.type === 'market' || b.spec.type === 'market') return 'ORDER_INVALID_CONTINGENCY';
  if (a.spec.side === b.spec.side) {
    if (!isConditional(b.spec.type) && !isConditional(a.spec.type)) return 'ORDER_INVALID_CONTINGENCY';
    // The conditional one (the second if both are) defers its reservation to its sibling.
    const deferred = isConditional(b.spec.type) ? b : a;
    ctx.state.orders.setHoldDeferred(deferred.slot, true);
  }
  return undefined;
}

function pairRisk(ctx: Ctx, account: AccountState, a: Prepared, b: Prepared): ReasonCode | undefined {
  const ra = riskInput(ctx, account, a, b, 1);
  const rb = riskInput(ctx, account, b, a, 1);
  return checkPreTrade(ctx, account, ra) ?? checkPreTrade(ctx, account, rb);
}

/** PlaceBracket: the entry is checked like any order; its legs are checked for sense here. */
export function placeBracket(ctx: Ctx, account: AccountState, c: PlaceBracketCommand): void {
  const e = prepare(ctx, account, c.entry);
  if (!e.ok) {
    rejectOrder(ctx, account.id, e.symbol, e.clientOrderId, e.code, e.message);
    return;
  }
  const { spec } = e;
  const code = checkLegs(account, e, c) ?? checkPreTrade(ctx, account, riskInput(ctx, account, e, undefined, 2));
  if (code !== undefined) {
    rejectOrder(ctx, account.id, spec.inst.instrument.symbol, spec.clientOrderId, code);
    return;
  }
  const o = accept(ctx, account, e);
  ctx.state.orders.extra(o).bracket = {
    takeProfitTicks: c.takeProfitTicks,
    stopLossTriggerTicks: c.stopLossTriggerTicks,
    stopLossLimitTicks: c.stopLossLimitTicks ?? 0,
  };
  execute(ctx, o);
}

const isTicks = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= 2 ** 48;

function checkLegs(account: AccountState, e: Prepared, c: PlaceBracketCommand): ReasonCode | undefined {
  if (e.spec.type !== 'limit' && e.spec.type !== 'market') return 'ORDER_INVALID_CONTINGENCY';
  if (e.spec.reduceOnly || (account.kind === 'cash' && e.spec.side === 'sell')) return 'ORDER_INVALID_CONTINGENCY';
  if (!isTicks(c.takeProfitTicks) || !isTicks(c.stopLossTriggerTicks)) return 'ORDER_INVALID_PRICE';
  if (c.stopLossLimitTicks !== undefined && !isTicks(c.stopLossLimitTicks)) return 'ORDER_INVALID_PRICE';
  const entry = e.workingTicks;
  const buy = e.spec.side === 'buy';
  // A long's take-profit sits above the entry and its stop below; a short's the other way.
  const sane = buy
    ? c.takeProfitTicks > entry && c.stopLossTriggerTicks < entry
    : c.takeProfitTicks < entry && c.stopLossTriggerTicks > entry;
  return sane ? undefined : 'ORDER_INVALID_CONTINGENCY';
}
