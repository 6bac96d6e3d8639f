import { distanceBps, notionalMinor } from '../../domain/money';
import { assert } from '../../util/assert';
import { MAX_PRICE_TICKS, MAX_QTY_LOTS } from '../book/index';
import { type ReasonCode, reasonMessage } from '../codes/reason-codes';
import type { ModifyOrderCommand } from '../core/commands';
import { type Ctx, emit } from '../core/context';
import type { AccountState, InstrumentState } from '../core/state';
import { availableMinor, freeMarginMinor } from '../portfolio/valuation';
import { bandReference } from '../risk/pre-trade';
import { effectiveState } from '../risk/trading-state';
import { findOwnOrder } from './cancel';
import { execute } from './execute';
import { refreshHold, requiredHold, setOpenLots } from './holds';
import { armTrigger, disarmTrigger, isUntriggered, triggerDirection } from './lifecycle';
import { NIL } from './order-store';
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
  const change = o === NIL ? 'ORDER_NOT_FOUND' : proposed(ctx, o, c);
  const code = typeof change === 'string' ? change : checkModify(ctx, account, o, change);
  if (code !== undefined) {
    emit(ctx, { type: 'OrderModifyRejected', orderId, accountId: account.id, code, message: reasonMessage(code) });
    return;
  }
  apply(ctx, account, o, change as Change);
}

function field(v: unknown, current: number, max: number, invalid: ReasonCode): number | ReasonCode {
  if (v === undefined) return current;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return invalid;
  if (!Number.isInteger(v)) return 'INSTR_OFF_GRID';
  return v > max ? (invalid === 'ORDER_INVALID_QTY' ? 'INSTR_QTY_ABOVE_MAX' : 'INSTR_PRICE_OUT_OF_RANGE') : v;
}

function proposed(ctx: Ctx, o: number, c: ModifyOrderCommand): Change | ReasonCode {
  const st = ctx.state.orders;
  const priceTicks = st.priceTicks(o);
  const triggerTicks = st.triggerTicks(o);
  const qtyLots = st.qtyLots(o);
  const hasLimit = priceTicks > 0;
  if (c.priceTicks !== undefined && !hasLimit) return 'ORDER_NOT_MODIFIABLE';
  if (c.triggerPriceTicks !== undefined && (!isUntriggered(st, o) || st.type(o) === 'trailing_stop'))
    return 'ORDER_NOT_MODIFIABLE';
  if (!st.inBook(o) && !isUntriggered(st, o)) return 'ORDER_NOT_MODIFIABLE';
  const qty = field(c.qtyLots, qtyLots, MAX_QTY_LOTS, 'ORDER_INVALID_QTY');
  if (typeof qty === 'string') return qty;
  const price = field(c.priceTicks, priceTicks, MAX_PRICE_TICKS, 'ORDER_INVALID_PRICE');
  if (typeof price === 'string') return price;
  const trigger = field(c.triggerPriceTicks, triggerTicks, MAX_PRICE_TICKS, 'ORDER_INVALID_PRICE');
  if (typeof trigger === 'string') return trigger;
  if (qty <= st.filledLots(o)) return 'ORDER_QTY_BELOW_FILLED';
  if (qty === qtyLots && price === priceTicks && trigger === triggerTicks) return 'ORDER_MODIFY_NO_CHANGE';
  const working = hasLimit
    ? price
    : trigger !== triggerTicks
      ? protectedPrice(ctx, st.side(o), trigger)
      : st.workingTicks(o);
  return { qty, price, trigger, working };
}

function checkModify(ctx: Ctx, account: AccountState, o: number, ch: Change): ReasonCode | undefined {
  const st = ctx.state.orders;
  const inst = ctx.state.instruments[st.instIx(o)] as InstrumentState;
  const L = account.limits;
  const priceTicks = st.priceTicks(o);
  const increase = ch.qty - st.qtyLots(o);
  const state = effectiveState(ctx.state, account, inst);
  if (state === 'halted') return 'RISK_HALTED';
  if (state === 'reducing' && (increase > 0 || ch.price !== priceTicks)) return 'RISK_REDUCING_ONLY';
  if (ch.qty < inst.instrument.minQtyLots) return 'INSTR_QTY_BELOW_MIN';
  if (ch.qty > L.maxOrderQtyLots) return 'RISK_MAX_ORDER_QTY';
  const notional = notionalMinor(inst.scale, ch.working, ch.qty, 'half-even');
  if (notional < BigInt(inst.instrument.minNotionalMinor)) return 'INSTR_NOTIONAL_BELOW_MIN';
  if (L.maxOrderNotionalMinor > 0n && notional > L.maxOrderNotionalMinor) return 'RISK_MAX_ORDER_NOTIONAL';
  if (ch.price !== priceTicks && L.priceBandBps > 0) {
    const ref = bandReference(inst);
    if (ref > 0 && distanceBps(ch.price, ref, ref) > L.priceBandBps) return 'RISK_PRICE_BAND';
  }
  if (st.postOnly(o) && ch.price !== priceTicks && inst.book.wouldCross(st.side(o), ch.price))
    return 'ORDER_POST_ONLY_WOULD_TAKE';
  if (ch.trigger !== st.triggerTicks(o) && inst.markTicks > 0) {
    if (triggerDirection(st, o) === 'up' ? inst.markTicks >= ch.trigger : inst.markTicks <= ch.trigger)
      return 'ORDER_TRIGGER_ALREADY_PASSED';
  }
  return checkModifyExposure(ctx, account, inst, o, ch, increase);
}

function checkModifyExposure(
  ctx: Ctx,
  account: AccountState,
  inst: InstrumentState,
  o: number,
  ch: Change,
  increase: number,
): ReasonCode | undefined {
  const st = ctx.state.orders;
  const pos = account.positions[inst.ix];
  const qty = pos?.qtyLots ?? 0;
  const buy = st.isBuy(o);
  const filled = st.filledLots(o);
  if (st.reduceOnly(o) && ch.qty - filled > (buy ? -qty : qty)) return 'ORDER_REDUCE_ONLY_REJECTED';
  if (increase > 0 && !st.reduceOnly(o)) {
    const after = buy ? qty + (pos?.openBuyLots ?? 0) + increase : -(qty - (pos?.openSellLots ?? 0) - increase);
    if (after > account.limits.maxPositionLots) return 'RISK_MAX_POSITION';
  }
  const need = requiredHold(account, inst, st, o, ch.qty - filled, ch.working);
  const moreMinor = need.minor - st.holdMinor(o);
  if (moreMinor > 0n) {
    const have =
      account.kind === 'cash' ? availableMinor(account, inst.quote) : freeMarginMinor(ctx, account, inst.quote);
    if (have < moreMinor)
      return account.kind === 'cash' ? 'RISK_INSUFFICIENT_BUYING_POWER' : 'RISK_INSUFFICIENT_MARGIN';
  }
  const moreLots = need.lots - st.holdLots(o);
  if (moreLots > 0 && qty - (pos?.heldLots ?? 0) < moreLots) return 'RISK_INSUFFICIENT_POSITION';
  return undefined;
}

function apply(ctx: Ctx, account: AccountState, o: number, ch: Change): void {
  const st = ctx.state.orders;
  const inst = ctx.state.instruments[st.instIx(o)] as InstrumentState;
  const requeue = ch.price !== st.priceTicks(o) || ch.qty > st.qtyLots(o);
  const untriggered = isUntriggered(st, o);
  if (untriggered) disarmTrigger(inst, st, o);
  if (st.inBook(o) && requeue) {
    if (inst.book.cancelAt(st.bookSlot(o), st.orderId(o)) === 0) assert(false, 'modify: order missing from its book');
    st.setInBook(o, false);
  } else if (st.inBook(o)) {
    if (inst.book.reduceAt(st.bookSlot(o), st.orderId(o), ch.qty - st.filledLots(o)) !== 'reduced')
      assert(false, 'modify: the book refused a checked decrease');
  }
  setOpenLots(account, st, o, ch.qty - st.qtyLots(o));
  st.setQtyLots(o, ch.qty);
  st.setPriceTicks(o, ch.price);
  st.setTriggerTicks(o, ch.trigger);
  st.setWorkingTicks(o, ch.working);
  if (untriggered) armTrigger(inst, st, o);
  refreshHold(account, inst, st, o);
  emit(ctx, {
    type: 'OrderModified',
    orderId: st.orderId(o),
    accountId: account.id,
    qtyLots: ch.qty,
    priceTicks: ch.price,
    triggerPriceTicks: ch.trigger,
    priorityKept: !requeue,
    workingTicks: untriggered ? 0 : ch.working,
    status: st.status(o),
  });
  if (!untriggered && !st.inBook(o)) execute(ctx, o);
}
