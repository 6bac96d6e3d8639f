import { ticksByBps } from '../../domain/money';
import { DEFAULT_MAX_RESTING_ORDERS, NO_PRICE } from '../book/index';
import { type ReasonCode, reasonMessage } from '../codes/reason-codes';
import type { OrderSpec } from '../core/commands';
import { type Ctx, emit } from '../core/context';
import type { AccountState } from '../core/state';
import { mulDivExact } from '../portfolio/exact-number';
import { checkPreTrade, type RiskInput } from '../risk/pre-trade';
import { take } from '../risk/token-bucket';
import { execute } from './execute';
import { requiredHoldLots, requiredHoldMinor } from './holds';
import { directionOf, isConditional, registerOrder } from './lifecycle';
import { trailingTrigger } from './triggers';
import { type CheckedSpec, checkSpec, newSpecSlot } from './validate-spec';

/** A checked order ready to be accepted: its spec, working price and reservation. */
export type Prepared = {
  readonly ok: true;
  readonly spec: CheckedSpec;
  readonly workingTicks: number;
  readonly triggerTicks: number;
  /** The order's slot (allocated, not yet registered; freed at the end of the command unless accepted). */
  readonly slot: number;
};

type PreparedSlot = { -readonly [K in keyof Prepared]: Prepared[K] };

/**
 * PlaceOrder's checked spec and prepared order: one of each per engine thread, refilled for every
 * PlaceOrder (nothing keeps them past the command; orders live in the store's slots). OCO and
 * bracket legs, prepared two or three at a time, get their own objects.
 */
const placeSpec = newSpecSlot();
const placePrep: PreparedSlot = { ok: true, spec: placeSpec, workingTicks: 0, triggerTicks: 0, slot: 0 };

export type Prep = Prepared | { ok: false; code: ReasonCode; message?: string; symbol: string; clientOrderId: string };

/** The price a market-like order may trade to: the reference moved by the protection band. */
export function protectedPrice(ctx: Ctx, side: 'buy' | 'sell', refTicks: number): number {
  const bps = ctx.config.marketProtectionBps;
  // ticksByBps in exact doubles (the same mulDiv; NaN only when the product passes 2^53).
  const fast =
    side === 'buy'
      ? mulDivExact(refTicks, 10_000 + bps, 10_000, 'ceil')
      : mulDivExact(refTicks, 10_000 - bps, 10_000, 'floor');
  if (!Number.isNaN(fast)) return fast < 1 ? 1 : fast;
  return side === 'buy' ? ticksByBps(refTicks, bps, 'ceil') : ticksByBps(refTicks, -bps, 'floor');
}

/** Reference for a market order: the best opposite price, else the last trade or mark. */
function marketReference(_ctx: Ctx, spec: CheckedSpec): number {
  const book = spec.inst.book;
  const opposite = spec.side === 'buy' ? book.bestAskTicks() : book.bestBidTicks();
  return opposite !== NO_PRICE ? opposite : spec.inst.markTicks;
}

/** `prices` answers here (read at once by its one caller): no object per order. */
const priced = { working: 0, trigger: 0 };

function price(working: number, trigger: number): typeof priced {
  priced.working = working;
  priced.trigger = trigger;
  return priced;
}

/** Working and trigger prices of a checked spec, or why it has none. */
function prices(ctx: Ctx, spec: CheckedSpec): typeof priced | ReasonCode {
  const { type, side } = spec;
  if (type === 'limit' || type === 'stop_limit' || type === 'take_profit_limit')
    return price(spec.priceTicks, spec.triggerTicks);
  if (type === 'market') {
    const ref = marketReference(ctx, spec);
    return ref === 0 ? 'ORDER_NO_REFERENCE_PRICE' : price(protectedPrice(ctx, side, ref), 0);
  }
  let trigger = spec.triggerTicks;
  if (type === 'trailing_stop' && trigger === 0) {
    const ref = spec.inst.markTicks;
    if (ref === 0) return 'ORDER_NO_REFERENCE_PRICE';
    trigger = trailingTrigger(side, ref, spec.trailTicks, spec.trailBps);
  }
  return price(protectedPrice(ctx, side, trigger), trigger);
}

/** Checks that need market state: post-only would take, trigger already passed, book capacity. */
function marketChecks(_ctx: Ctx, spec: CheckedSpec, working: number, trigger: number): ReasonCode | undefined {
  const { book } = spec.inst;
  if (spec.postOnly && book.wouldCross(spec.side, working)) return 'ORDER_POST_ONLY_WOULD_TAKE';
  const mark = spec.inst.markTicks;
  if (isConditional(spec.type) && mark > 0) {
    const passed = directionOf(spec.side, spec.type) === 'up' ? mark >= trigger : mark <= trigger;
    if (passed) return 'ORDER_TRIGGER_ALREADY_PASSED';
  }
  if (book.size >= DEFAULT_MAX_RESTING_ORDERS) return 'BOOK_FULL';
  return undefined;
}

/** A new order's slot holding the checked spec at its working and trigger prices, with the next id. */
export function newRecord(
  ctx: Ctx,
  account: AccountState,
  spec: CheckedSpec,
  working: number,
  trigger: number,
): number {
  const st = ctx.state.orders;
  const expireAt = spec.tif === 'GTD' ? spec.expireAtMs : spec.tif === 'DAY' ? dayEnd(ctx) : 0;
  return st.alloc(spec, ctx.state.nextOrderId, account.ix, spec.inst.ix, working, trigger, expireAt);
}

function dayEnd(ctx: Ctx): number {
  const offset = ctx.config.dayStartOffsetMs;
  return Math.floor((ctx.state.nowMs - offset) / 86_400_000) * 86_400_000 + offset + 86_400_000;
}

/** Reduce-only orders are capped to the position they reduce: they never flip it. */
function capReduceOnly(account: AccountState, spec: CheckedSpec): CheckedSpec {
  if (!spec.reduceOnly) return spec;
  const pos = account.positions[spec.inst.ix]?.qtyLots ?? 0;
  const reducible = spec.side === 'sell' ? pos : -pos;
  return reducible > 0 && spec.qtyLots > reducible ? { ...spec, qtyLots: reducible } : spec;
}

/**
 * Everything short of accepting: field checks, idempotency, prices, market checks. `reuse`: the
 * result goes into PlaceOrder's scratch objects (valid until the next call).
 */
export function prepare(
  ctx: Ctx,
  account: AccountState,
  raw: OrderSpec | unknown,
  seenClientIds?: string,
  reuse = false,
): Prep {
  const checked = checkSpec(ctx.state, raw, reuse ? placeSpec : undefined);
  if (!checked.ok) return prepFailed(raw, checked.code, checked.message);
  const spec = capReduceOnly(account, checked);
  if (
    spec.clientOrderId !== '' &&
    (account.clientIds.taken(spec.clientOrderId, ctx.state.nowMs, account.limits) ||
      seenClientIds === spec.clientOrderId)
  ) {
    return prepFailed(raw, 'ORDER_DUPLICATE_CLIENT_ID');
  }
  const pr = prices(ctx, spec);
  if (typeof pr === 'string') return prepFailed(raw, pr);
  const { working, trigger } = pr;
  const code = marketChecks(ctx, spec, working, trigger);
  if (code !== undefined) return prepFailed(raw, code);
  const slot = newRecord(ctx, account, spec, working, trigger);
  if (!reuse) return { ok: true, spec, workingTicks: working, triggerTicks: trigger, slot };
  placePrep.spec = spec;
  placePrep.workingTicks = working;
  placePrep.triggerTicks = trigger;
  placePrep.slot = slot;
  return placePrep;
}

/** A refusal, with the symbol and client id as given (cut to their maximum lengths) for the report. */
function prepFailed(raw: unknown, code: ReasonCode, message?: string): Prep {
  const r = raw as Record<string, unknown> | null;
  const symbol = typeof r?.symbol === 'string' ? r.symbol.slice(0, 32) : '';
  const clientOrderId = typeof r?.clientOrderId === 'string' ? r.clientOrderId.slice(0, 64) : '';
  return { ok: false, code, message, symbol, clientOrderId };
}

export function riskInput(ctx: Ctx, account: AccountState, p: Prepared, extra?: Prepared, extraOrders = 0): RiskInput {
  const st = ctx.state.orders;
  const qty = p.spec.qtyLots;
  const eQty = extra === undefined ? 0 : extra.spec.qtyLots;
  return {
    spec: p.spec,
    workingTicks: p.workingTicks,
    holdMinor: requiredHoldMinor(account, p.spec.inst, st, p.slot, qty, p.workingTicks),
    holdLots: requiredHoldLots(account, st, p.slot, qty),
    extraHoldMinor:
      extra === undefined ? 0 : requiredHoldMinor(account, extra.spec.inst, st, extra.slot, eQty, extra.workingTicks),
    extraHoldLots: extra === undefined ? 0 : requiredHoldLots(account, st, extra.slot, eQty),
    extraOrders,
  };
}

/** The risk input of a single order, in one object reused for every PlaceOrder (nothing re-enters it). */
const single: { -readonly [K in keyof RiskInput]: RiskInput[K] } = {
  spec: undefined as unknown as CheckedSpec,
  workingTicks: 0,
  holdMinor: 0,
  holdLots: 0,
  extraHoldMinor: 0,
  extraHoldLots: 0,
  extraOrders: 0,
};

function singleRisk(ctx: Ctx, account: AccountState, p: Prepared): RiskInput {
  const st = ctx.state.orders;
  const qty = p.spec.qtyLots;
  single.spec = p.spec;
  single.workingTicks = p.workingTicks;
  single.holdMinor = requiredHoldMinor(account, p.spec.inst, st, p.slot, qty, p.workingTicks);
  single.holdLots = requiredHoldLots(account, st, p.slot, qty);
  return single;
}

export function rejectOrder(
  ctx: Ctx,
  accountId: string,
  symbol: string,
  clientOrderId: string,
  code: ReasonCode,
  message?: string,
): void {
  emit(ctx, {
    type: 'OrderRejected',
    clientOrderId,
    accountId,
    symbol,
    code,
    message: message ?? reasonMessage(code),
    status: 'rejected',
  });
}

/**
 * Accepts a prepared, risk-checked order: id, indexes, reservation, rate token, report. `risk` is
 * the input the checks ran on when its reservation is still the order's (saves recomputing it).
 */
export function accept(
  ctx: Ctx,
  account: AccountState,
  p: Prepared,
  linkedOrderId = 0,
  countRate = true,
  risk?: RiskInput,
): number {
  const s = p.slot;
  const st = ctx.state.orders;
  const inst = p.spec.inst;
  ctx.state.nextOrderId++;
  if (risk !== undefined) registerOrder(ctx, account, inst, s, risk.holdMinor, risk.holdLots);
  else {
    const qty = st.qtyLots(s);
    const working = st.workingTicks(s);
    const holdLots = requiredHoldLots(account, st, s, qty);
    registerOrder(ctx, account, inst, s, requiredHoldMinor(account, inst, st, s, qty, working), holdLots);
  }
  if (countRate) take(account.bucket, account.limits.orderRatePerSec, account.limits.orderBurst, ctx.state.nowMs);
  const type = st.type(s);
  emit(ctx, {
    type: 'OrderAccepted',
    orderId: st.orderId(s),
    clientOrderId: st.clientOrderId(s),
    accountId: account.id,
    symbol: inst.instrument.symbol,
    side: st.side(s),
    orderType: type,
    tif: st.tif(s),
    qtyLots: st.qtyLots(s),
    priceTicks: st.priceTicks(s),
    triggerPriceTicks: st.triggerTicks(s),
    workingTicks: isConditional(type) ? 0 : st.workingTicks(s),
    linkedOrderId,
    status: 'accepted',
  });
  return s;
}

/** PlaceOrder: prepare, risk, accept, and send a non-conditional order to the book. */
export function placeOrder(ctx: Ctx, account: AccountState, raw: unknown): void {
  const prep = prepare(ctx, account, raw, undefined, true);
  if (!prep.ok) {
    rejectOrder(ctx, account.id, prep.symbol, prep.clientOrderId, prep.code, prep.message);
    return;
  }
  const risk = singleRisk(ctx, account, prep);
  const code = checkPreTrade(ctx, account, risk);
  if (code !== undefined) {
    rejectOrder(ctx, account.id, prep.spec.inst.instrument.symbol, prep.spec.clientOrderId, code);
    return;
  }
  // Nothing changed the account or the order between the checks and here: the reservation stands.
  const s = accept(ctx, account, prep, 0, true, risk);
  if (!ctx.state.orders.isConditional(s)) execute(ctx, s);
}
