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
  const firstCid = a.p.spec.clientOrderId;
  const b = prepare(ctx, account, c.second, firstCid === '' ? undefined : firstCid);
  if (!b.ok) {
    rejectOrder(ctx, account.id, b.symbol, b.clientOrderId, b.code, b.message);
    return;
  }
  const second: Prepared = { ...b.p, record: { ...b.p.record, orderId: b.p.record.orderId + 1 } };
  const code = checkPair(a.p, second) ?? pairRisk(ctx, account, a.p, second);
  if (code !== undefined) {
    rejectOrder(ctx, account.id, a.p.spec.inst.instrument.symbol, firstCid, code);
    return;
  }
  const o1 = accept(ctx, account, a.p);
  const o2 = accept(ctx, account, second, o1.orderId);
  o1.ocoId = o2.orderId;
  o2.ocoId = o1.orderId;
  if (!isConditional(o1.type)) execute(ctx, o1);
  if (!isConditional(o2.type) && ctx.state.orders.has(o2.orderId)) ctx.toExecute.push(o2.orderId);
}

function checkPair(a: Prepared, b: Prepared): ReasonCode | undefined {
  if (a.spec.inst !== b.spec.inst) return 'ORDER_INVALID_CONTINGENCY';
  if (a.spec.tif === 'IOC' || a.spec.tif === 'FOK' || b.spec.tif === 'IOC' || b.spec.tif === 'FOK')
    return 'ORDER_INVALID_CONTINGENCY';
  if (a.spec.type === 'market' || b.spec.type === 'market') return 'ORDER_INVALID_CONTINGENCY';
  if (a.spec.side === b.spec.side) {
    if (!isConditional(b.spec.type) && !isConditional(a.spec.type)) return 'ORDER_INVALID_CONTINGENCY';
    // The conditional one (the second if both are) defers its reservation to its sibling.
    const deferred = isConditional(b.spec.type) ? b : a;
    deferred.record.holdDeferred = true;
  }
  return undefined;
}

function pairRisk(ctx: Ctx, account: AccountState, a: Prepared, b: Prepared): ReasonCode | undefined {
  const ra = riskInput(account, a, b, 1);
  const rb = riskInput(account, b, a, 1);
  return checkPreTrade(ctx, account, ra) ?? checkPreTrade(ctx, account, rb);
}

/** PlaceBracket: the entry is checked like any order; its legs are checked for sense here. */
export function placeBracket(ctx: Ctx, account: AccountState, c: PlaceBracketCommand): void {
  const e = prepare(ctx, account, c.entry);
  if (!e.ok) {
    rejectOrder(ctx, account.id, e.symbol, e.clientOrderId, e.code, e.message);
    return;
  }
  const { spec } = e.p;
  const code = checkLegs(account, e.p, c) ?? checkPreTrade(ctx, account, riskInput(account, e.p, undefined, 2));
  if (code !== undefined) {
    rejectOrder(ctx, account.id, spec.inst.instrument.symbol, spec.clientOrderId, code);
    return;
  }
  const o = accept(ctx, account, e.p);
  o.bracket = {
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
