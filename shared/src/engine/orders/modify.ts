import { distanceBps, notionalMinor } from '../../domain/money';
import { MAX_PRICE_TICKS, MAX_QTY_LOTS } from '../book/index';
import { type ReasonCode, reasonMessage } from '../codes/reason-codes';
import type { ModifyOrderCommand } from '../core/commands';
import { type Ctx, emit } from '../core/context';
import type { AccountState, InstrumentState, OrderRecord } from '../core/state';
import { availableMinor, freeMarginMinor } from '../portfolio/valuation';
import { bandReference } from '../risk/pre-trade';
import { effectiveState } from '../risk/trading-state';
import { findOwnOrder } from './cancel';
import { execute } from './execute';
import { refreshHold, requiredHold, setOpenLots } from './holds';
import { armTrigger, disarmTrigger, isUntriggered, triggerDirection } from './lifecycle';
import { protectedPrice } from './place';

type Change = { qty: number; price: number; trigger: number; working: number };

/**
 * ModifyOrder: new quantity, limit price or trigger of an open order. A price change or a
 * quantity increase costs the order its time priority (it is re-queued, and may trade at once);
 * a pure decrease keeps it. Every check runs before anything changes.
 */
export function modifyOrder(ctx: Ctx, account: AccountState, c: ModifyOrderCommand): void {
  const o = findOwnOrder(ctx, account, c.orderId, undefined);
  const orderId = typeof c.orderId === 'number' && Number.isSafeInteger(c.orderId) ? c.orderId : 0;
  const change = o === undefined ? 'ORDER_NOT_FOUND' : proposed(ctx, o, c);
  const code = typeof change === 'string' ? change : checkModify(ctx, account, o as OrderRecord, change);
  if (code !== undefined) {
    emit(ctx, { type: 'OrderModifyRejected', orderId, accountId: account.id, code, message: reasonMessage(code) });
    return;
  }
  apply(ctx, account, o as OrderRecord, change as Change);
}

function field(v: unknown, current: number, max: number, invalid: ReasonCode): number | ReasonCode {
  if (v === undefined) return current;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return invalid;
  if (!Number.isInteger(v)) return 'INSTR_OFF_GRID';
  return v > max ? (invalid === 'ORDER_INVALID_QTY' ? 'INSTR_QTY_ABOVE_MAX' : 'INSTR_PRICE_OUT_OF_RANGE') : v;
}

function proposed(ctx: Ctx, o: OrderRecord, c: ModifyOrderCommand): Change | ReasonCode {
  const hasLimit = o.priceTicks > 0;
  if (c.priceTicks !== undefined && !hasLimit) return 'ORDER_NOT_MODIFIABLE';
  if (c.triggerPriceTicks !== undefined && (!isUntriggered(o) || o.type === 'trailing_stop'))
    return 'ORDER_NOT_MODIFIABLE';
  if (!o.inBook && !isUntriggered(o)) return 'ORDER_NOT_MODIFIABLE';
  const qty = field(c.qtyLots, o.qtyLots, MAX_QTY_LOTS, 'ORDER_INVALID_QTY');
  if (typeof qty === 'string') return qty;
  const price = field(c.priceTicks, o.priceTicks, MAX_PRICE_TICKS, 'ORDER_INVALID_PRICE');
  if (typeof price === 'string') return price;
  const trigger = field(c.triggerPriceTicks, o.triggerTicks, MAX_PRICE_TICKS, 'ORDER_INVALID_PRICE');
  if (typeof trigger === 'string') return trigger;
  if (qty <= o.filledLots) return 'ORDER_QTY_BELOW_FILLED';
  if (qty === o.qtyLots && price === o.priceTicks && trigger === o.triggerTicks) return 'ORDER_MODIFY_NO_CHANGE';
  const working = hasLimit ? price : trigger !== o.triggerTicks ? protectedPrice(ctx, o.side, trigger) : o.workingTicks;
  return { qty, price, trigger, working };
}

function checkModify(ctx: Ctx, account: AccountState, o: OrderRecord, ch: Change): ReasonCode | undefined {
  const inst = ctx.state.instruments[o.instIx] as InstrumentState;
  const L = account.limits;
  const increase = ch.qty - o.qtyLots;
  const st = effectiveState(ctx.state, account, inst);
  if (st === 'halted') return 'RISK_HALTED';
  if (st === 'reducing' && (increase > 0 || ch.price !== o.priceTicks)) return 'RISK_REDUCING_ONLY';
  if (ch.qty < inst.instrument.minQtyLots) return 'INSTR_QTY_BELOW_MIN';
  if (ch.qty > L.maxOrderQtyLots) return 'RISK_MAX_ORDER_QTY';
  const notional = notionalMinor(inst.scale, ch.working, ch.qty, 'half-even');
  if (notional < BigInt(inst.instrument.minNotionalMinor)) return 'INSTR_NOTIONAL_BELOW_MIN';
  if (L.maxOrderNotionalMinor > 0n && notional > L.maxOrderNotionalMinor) return 'RISK_MAX_ORDER_NOTIONAL';
  if (ch.price !== o.priceTicks && L.priceBandBps > 0) {
    const ref = bandReference(inst);
    if (ref > 0 && distanceBps(ch.price, ref, ref) > L.priceBandBps) return 'RISK_PRICE_BAND';
  }
  if (o.postOnly && ch.price !== o.priceTicks && inst.book.wouldCross(o.side, ch.price))
    return 'ORDER_POST_ONLY_WOULD_TAKE';
  if (ch.trigger !== o.triggerTicks && inst.markTicks > 0) {
    if (triggerDirection(o) === 'up' ? inst.markTicks >= ch.trigger : inst.markTicks <= ch.trigger)
      return 'ORDER_TRIGGER_ALREADY_PASSED';
  }
  return checkModifyExposure(ctx, account, inst, o, ch, increase);
}

function checkModifyExposure(
  ctx: Ctx,
  account: AccountState,
  inst: InstrumentState,
  o: OrderRecord,
  ch: Change,
  increase: number,
): ReasonCode | undefined {
  const pos = account.positions[inst.ix];
  const qty = pos?.qtyLots ?? 0;
  if (o.reduceOnly && ch.qty - o.filledLots > (o.side === 'sell' ? qty : -qty)) return 'ORDER_REDUCE_ONLY_REJECTED';
  if (increase > 0 && !o.reduceOnly) {
    const after =
      o.side === 'buy' ? qty + (pos?.openBuyLots ?? 0) + increase : -(qty - (pos?.openSellLots ?? 0) - increase);
    if (after > account.limits.maxPositionLots) return 'RISK_MAX_POSITION';
  }
  const need = requiredHold(account, inst, o, ch.qty - o.filledLots, ch.working);
  const moreMinor = need.minor - o.holdMinor;
  if (moreMinor > 0n) {
    const have =
      account.kind === 'cash' ? availableMinor(account, inst.quote) : freeMarginMinor(ctx, account, inst.quote);
    if (have < moreMinor)
      return account.kind === 'cash' ? 'RISK_INSUFFICIENT_BUYING_POWER' : 'RISK_INSUFFICIENT_MARGIN';
  }
  if (need.lots - o.holdLots > 0 && qty - (pos?.heldLots ?? 0) < need.lots - o.holdLots)
    return 'RISK_INSUFFICIENT_POSITION';
  return undefined;
}

function apply(ctx: Ctx, account: AccountState, o: OrderRecord, ch: Change): void {
  const inst = ctx.state.instruments[o.instIx] as InstrumentState;
  const requeue = ch.price !== o.priceTicks || ch.qty > o.qtyLots;
  const untriggered = isUntriggered(o);
  if (untriggered) disarmTrigger(inst, o);
  if (o.inBook && requeue) {
    inst.book.cancel(o.orderId);
    o.inBook = false;
  } else if (o.inBook) {
    inst.book.reduce(o.orderId, ch.qty - o.filledLots);
  }
  setOpenLots(account, o, ch.qty - o.qtyLots);
  o.qtyLots = ch.qty;
  o.priceTicks = ch.price;
  o.triggerTicks = ch.trigger;
  o.workingTicks = ch.working;
  if (untriggered) armTrigger(inst, o);
  refreshHold(account, inst, o);
  emit(ctx, {
    type: 'OrderModified',
    orderId: o.orderId,
    accountId: account.id,
    qtyLots: o.qtyLots,
    priceTicks: o.priceTicks,
    triggerPriceTicks: o.triggerTicks,
    priorityKept: !requeue,
    workingTicks: untriggered ? 0 : o.workingTicks,
    status: o.status,
  });
  if (!untriggered && !o.inBook) execute(ctx, o);
}
