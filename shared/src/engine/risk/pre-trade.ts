import { distanceBps, notionalMinor } from '../../domain/money';
import { NO_PRICE } from '../book/index';
import type { ReasonCode } from '../codes/reason-codes';
import type { Ctx } from '../core/context';
import type { AccountState, InstrumentState } from '../core/state';
import type { CheckedSpec } from '../orders/validate-spec';
import { addMinor, type Minor } from '../portfolio/exact-number';
import { notionalNum } from '../portfolio/notional';
import { dayPnlOf, dayStartOf } from '../portfolio/settlement';
import { availableMinor, availableNum, freeMarginMinor, freeMarginNum } from '../portfolio/valuation';
import { canTake } from './token-bucket';
import { effectiveState } from './trading-state';

/**
 * Pre-trade risk: every new order passes these checks, in this order, before anything
 * changes. The first failure is the rejection. Nothing here mutates state.
 */
export type RiskInput = {
  readonly spec: CheckedSpec;
  /** Price the order would work at (limit, trigger-based or protected market price). */
  readonly workingTicks: number;
  /** Exact: a double while a safe integer (portfolio/exact-number.ts). */
  readonly holdMinor: Minor;
  readonly holdLots: number;
  /** Reservations and orders of a sibling being placed in the same command (OCO). */
  readonly extraHoldMinor: Minor;
  readonly extraHoldLots: number;
  readonly extraOrders: number;
};

/** True when the order can only shrink the position (side against it, size within it). */
export function reducesPosition(account: AccountState, instIx: number, side: 'buy' | 'sell', qtyLots: number): boolean {
  const pos = account.positions[instIx]?.qtyLots ?? 0;
  if (side === 'sell') return pos > 0 && qtyLots <= pos;
  return pos < 0 && qtyLots <= -pos;
}

export function checkPreTrade(ctx: Ctx, account: AccountState, r: RiskInput): ReasonCode | undefined {
  return (
    checkStates(ctx, account, r) ??
    checkSizes(ctx, account, r) ??
    checkActivity(ctx, account, r) ??
    checkFunds(ctx, account, r)
  );
}

function checkStates(ctx: Ctx, account: AccountState, r: RiskInput): ReasonCode | undefined {
  const { spec } = r;
  const st = effectiveState(ctx.state, account, spec.inst);
  const reduces = reducesPosition(account, spec.inst.ix, spec.side, spec.qtyLots);
  if (st === 'halted') return 'RISK_HALTED';
  if (st === 'reducing' && !reduces) return 'RISK_REDUCING_ONLY';
  if (spec.reduceOnly && !reduces) return 'ORDER_REDUCE_ONLY_REJECTED';
  const limit = account.limits.dailyLossLimitMinor;
  if (limit > 0n && !reduces) {
    const dayPnl = account.dayStartMs === dayStartOf(ctx, ctx.state.nowMs) ? dayPnlOf(account) : 0n;
    if (dayPnl <= -limit) return 'RISK_DAILY_LOSS_LIMIT';
  }
  return undefined;
}

function checkSizes(ctx: Ctx, account: AccountState, r: RiskInput): ReasonCode | undefined {
  const { spec } = r;
  const { inst } = spec;
  const L = account.limits;
  if (spec.qtyLots < inst.instrument.minQtyLots) return 'INSTR_QTY_BELOW_MIN';
  // An exact double when it fits (NaN: take the bigint); comparisons of a number with a bigint are exact.
  const fast = notionalNum(inst, r.workingTicks, spec.qtyLots, 'half-even');
  const notional = Number.isNaN(fast) ? notionalMinor(inst.scale, r.workingTicks, spec.qtyLots, 'half-even') : fast;
  if (notional < inst.instrument.minNotionalMinor) return 'INSTR_NOTIONAL_BELOW_MIN';
  if (spec.qtyLots > L.maxOrderQtyLots) return 'RISK_MAX_ORDER_QTY';
  if (L.maxOrderNotionalMinor > 0n && notional > L.maxOrderNotionalMinor) return 'RISK_MAX_ORDER_NOTIONAL';
  if (spec.priceTicks > 0 && L.priceBandBps > 0) {
    const ref = bandReference(inst);
    if (ref > 0 && distanceBps(spec.priceTicks, ref, ref) > L.priceBandBps) return 'RISK_PRICE_BAND';
  }
  if (!spec.reduceOnly) {
    const pos = account.positions[inst.ix];
    const qty = pos?.qtyLots ?? 0;
    const after =
      spec.side === 'buy'
        ? qty + (pos?.openBuyLots ?? 0) + spec.qtyLots
        : -(qty - (pos?.openSellLots ?? 0) - spec.qtyLots);
    if (after > L.maxPositionLots) return 'RISK_MAX_POSITION';
  }
  void ctx;
  return undefined;
}

/** The fat-finger band's centre: the mid when both sides quote, else the last trade or mark. */
export function bandReference(inst: InstrumentState): number {
  const bid = inst.book.bestBidTicks();
  const ask = inst.book.bestAskTicks();
  if (bid !== NO_PRICE && ask !== NO_PRICE) return Math.floor((bid + ask) / 2);
  return inst.markTicks;
}

function checkActivity(ctx: Ctx, account: AccountState, r: RiskInput): ReasonCode | undefined {
  const L = account.limits;
  if (account.openOrders.size + 1 + r.extraOrders > L.maxOpenOrders) return 'RISK_MAX_OPEN_ORDERS';
  if (!canTake(account.bucket, L.orderRatePerSec, L.orderBurst, ctx.state.nowMs)) return 'RISK_RATE_LIMITED';
  return undefined;
}

/** Cash free to spend: an exact double when it fits, else the bigint. */
function available(account: AccountState, currency: string): Minor {
  const fast = availableNum(account, currency);
  return Number.isNaN(fast) ? availableMinor(account, currency) : fast;
}

function checkFunds(ctx: Ctx, account: AccountState, r: RiskInput): ReasonCode | undefined {
  const { inst } = r.spec;
  const needMinor = addMinor(r.holdMinor, r.extraHoldMinor);
  if (account.kind === 'cash') {
    if (needMinor > 0 && available(account, inst.quote) < needMinor) return 'RISK_INSUFFICIENT_BUYING_POWER';
    const needLots = r.holdLots + r.extraHoldLots;
    if (needLots > 0) {
      const pos = account.positions[inst.ix];
      if ((pos?.qtyLots ?? 0) - (pos?.heldLots ?? 0) < needLots) return 'RISK_INSUFFICIENT_POSITION';
    }
    return undefined;
  }
  if (needMinor <= 0) return undefined;
  // Exact double when it fits (a number compares exactly with a bigint), else the bigint path.
  const fast = freeMarginNum(ctx.state, account, inst.quote);
  const free = Number.isNaN(fast) ? freeMarginMinor(ctx, account, inst.quote) : fast;
  if (free < needMinor) return 'RISK_INSUFFICIENT_MARGIN';
  return undefined;
}
