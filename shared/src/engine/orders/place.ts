import { ticksByBps } from '../../domain/money';
import { DEFAULT_MAX_RESTING_ORDERS, NO_PRICE } from '../book/index';
import { type ReasonCode, reasonMessage } from '../codes/reason-codes';
import type { OrderSpec } from '../core/commands';
import { type Ctx, emit } from '../core/context';
import type { AccountState, OrderRecord } from '../core/state';
import { checkPreTrade, type RiskInput } from '../risk/pre-trade';
import { take } from '../risk/token-bucket';
import { execute } from './execute';
import { requiredHold, requiredHoldLots, requiredHoldMinor } from './holds';
import { isConditional, registerOrder, triggerDirection } from './lifecycle';
import { trailingTrigger } from './triggers';
import { type CheckedSpec, checkSpec } from './validate-spec';

/** A checked order ready to be accepted: its spec, working price and reservation. */
export type Prepared = {
  readonly spec: CheckedSpec;
  readonly workingTicks: number;
  readonly triggerTicks: number;
  readonly record: OrderRecord;
};

export type Prep =
  | { ok: true; p: Prepared }
  | { ok: false; code: ReasonCode; message?: string; symbol: string; clientOrderId: string };

/** The price a market-like order may trade to: the reference moved by the protection band. */
export function protectedPrice(ctx: Ctx, side: 'buy' | 'sell', refTicks: number): number {
  const bps = ctx.config.marketProtectionBps;
  return side === 'buy' ? ticksByBps(refTicks, bps, 'ceil') : ticksByBps(refTicks, -bps, 'floor');
}

/** Reference for a market order: the best opposite price, else the last trade or mark. */
function marketReference(_ctx: Ctx, spec: CheckedSpec): number {
  const book = spec.inst.book;
  const opposite = spec.side === 'buy' ? book.bestAskTicks() : book.bestBidTicks();
  return opposite !== NO_PRICE ? opposite : spec.inst.markTicks;
}

/** Working and trigger prices of a checked spec, or why it has none. */
function prices(ctx: Ctx, spec: CheckedSpec): { working: number; trigger: number } | ReasonCode {
  const { type, side } = spec;
  if (type === 'limit' || type === 'stop_limit' || type === 'take_profit_limit')
    return { working: spec.priceTicks, trigger: spec.triggerTicks };
  if (type === 'market') {
    const ref = marketReference(ctx, spec);
    return ref === 0 ? 'ORDER_NO_REFERENCE_PRICE' : { working: protectedPrice(ctx, side, ref), trigger: 0 };
  }
  let trigger = spec.triggerTicks;
  if (type === 'trailing_stop' && trigger === 0) {
    const ref = spec.inst.markTicks;
    if (ref === 0) return 'ORDER_NO_REFERENCE_PRICE';
    trigger = trailingTrigger(side, ref, spec.trailTicks, spec.trailBps);
  }
  return { working: protectedPrice(ctx, side, trigger), trigger };
}

/** Checks that need market state: post-only would take, trigger already passed, book capacity. */
function marketChecks(
  _ctx: Ctx,
  spec: CheckedSpec,
  working: number,
  trigger: number,
  rec: OrderRecord,
): ReasonCode | undefined {
  const { book } = spec.inst;
  if (spec.postOnly && book.wouldCross(spec.side, working)) return 'ORDER_POST_ONLY_WOULD_TAKE';
  const mark = spec.inst.markTicks;
  if (isConditional(spec.type) && mark > 0) {
    const passed = triggerDirection(rec) === 'up' ? mark >= trigger : mark <= trigger;
    if (passed) return 'ORDER_TRIGGER_ALREADY_PASSED';
  }
  if (book.size >= DEFAULT_MAX_RESTING_ORDERS) return 'BOOK_FULL';
  return undefined;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A record with every field at its zero value (the one shape all records share). */
function blankRecord(): OrderRecord {
  return {
    orderId: 0,
    accountIx: 0,
    clientOrderId: '',
    instIx: 0,
    side: 'buy',
    type: 'limit',
    tif: 'GTC',
    priceTicks: 0,
    triggerTicks: 0,
    trailTicks: 0,
    trailBps: 0,
    qtyLots: 0,
    filledLots: 0,
    status: 'accepted',
    postOnly: false,
    reduceOnly: false,
    expireAtMs: 0,
    holdMinor: 0n,
    holdLots: 0,
    workingTicks: 0,
    inBook: false,
    ocoId: 0,
    bracket: null,
    parentId: 0,
    takeProfitId: 0,
    stopLossId: 0,
    coveredLots: 0,
    holdDeferred: false,
    prevOpen: null,
    nextOpen: null,
  };
}

/** A new order's record (a reused one when the pool has one): every field is (re)set here. */
export function newRecord(
  ctx: Ctx,
  account: AccountState,
  spec: CheckedSpec,
  working: number,
  trigger: number,
): OrderRecord {
  const o = (ctx.pool.take() ?? blankRecord()) as Writable<OrderRecord>;
  o.orderId = ctx.state.nextOrderId;
  o.accountIx = account.ix;
  o.clientOrderId = spec.clientOrderId;
  o.instIx = spec.inst.ix;
  o.side = spec.side;
  o.type = spec.type;
  o.tif = spec.tif;
  o.priceTicks = spec.priceTicks;
  o.triggerTicks = trigger;
  o.trailTicks = spec.trailTicks;
  o.trailBps = spec.trailBps;
  o.qtyLots = spec.qtyLots;
  o.filledLots = 0;
  o.status = 'accepted';
  o.postOnly = spec.postOnly;
  o.reduceOnly = spec.reduceOnly;
  o.expireAtMs = spec.tif === 'GTD' ? spec.expireAtMs : spec.tif === 'DAY' ? dayEnd(ctx) : 0;
  resetWorkingFields(o, working);
  return o;
}

/** The fields that start at zero for every new order. */
function resetWorkingFields(o: Writable<OrderRecord>, working: number): void {
  o.holdMinor = 0n;
  o.holdLots = 0;
  o.workingTicks = working;
  o.inBook = false;
  o.ocoId = 0;
  o.bracket = null;
  o.parentId = 0;
  o.takeProfitId = 0;
  o.stopLossId = 0;
  o.coveredLots = 0;
  o.holdDeferred = false;
  o.prevOpen = null;
  o.nextOpen = null;
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

/** Everything short of accepting: field checks, idempotency, prices, market checks. */
export function prepare(ctx: Ctx, account: AccountState, raw: OrderSpec | unknown, seenClientIds?: string): Prep {
  const r = raw as Record<string, unknown> | null;
  const symbol = typeof r?.symbol === 'string' ? r.symbol.slice(0, 32) : '';
  const cid = typeof r?.clientOrderId === 'string' ? r.clientOrderId.slice(0, 64) : '';
  const checked = checkSpec(ctx.state, raw);
  if (!checked.ok) return { ok: false, code: checked.code, message: checked.message, symbol, clientOrderId: cid };
  const spec = capReduceOnly(account, checked.spec);
  if (
    spec.clientOrderId !== '' &&
    (account.clientIds.has(spec.clientOrderId) || seenClientIds === spec.clientOrderId)
  ) {
    return { ok: false, code: 'ORDER_DUPLICATE_CLIENT_ID', symbol, clientOrderId: cid };
  }
  const pr = prices(ctx, spec);
  if (typeof pr === 'string') return { ok: false, code: pr, symbol, clientOrderId: cid };
  const record = newRecord(ctx, account, spec, pr.working, pr.trigger);
  const code = marketChecks(ctx, spec, pr.working, pr.trigger, record);
  if (code !== undefined) return { ok: false, code, symbol, clientOrderId: cid };
  return { ok: true, p: { spec, workingTicks: pr.working, triggerTicks: pr.trigger, record } };
}

export function riskInput(account: AccountState, p: Prepared, extra?: Prepared, extraOrders = 0): RiskInput {
  const qty = p.spec.qtyLots;
  const eQty = extra === undefined ? 0 : extra.spec.qtyLots;
  return {
    spec: p.spec,
    workingTicks: p.workingTicks,
    holdMinor: requiredHoldMinor(account, p.spec.inst, p.record, qty, p.workingTicks),
    holdLots: requiredHoldLots(account, p.record, qty),
    extraHoldMinor:
      extra === undefined ? 0n : requiredHoldMinor(account, extra.spec.inst, extra.record, eQty, extra.workingTicks),
    extraHoldLots: extra === undefined ? 0 : requiredHoldLots(account, extra.record, eQty),
    extraOrders,
  };
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
): OrderRecord {
  const o = p.record;
  ctx.state.nextOrderId++;
  if (risk !== undefined) registerOrder(ctx, account, p.spec.inst, o, risk.holdMinor, risk.holdLots);
  else {
    const hold = requiredHold(account, p.spec.inst, o, o.qtyLots, o.workingTicks);
    registerOrder(ctx, account, p.spec.inst, o, hold.minor, hold.lots);
  }
  if (countRate) take(account.bucket, account.limits.orderRatePerSec, account.limits.orderBurst, ctx.state.nowMs);
  emit(ctx, {
    type: 'OrderAccepted',
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    accountId: account.id,
    symbol: p.spec.inst.instrument.symbol,
    side: o.side,
    orderType: o.type,
    tif: o.tif,
    qtyLots: o.qtyLots,
    priceTicks: o.priceTicks,
    triggerPriceTicks: o.triggerTicks,
    workingTicks: isConditional(o.type) ? 0 : o.workingTicks,
    linkedOrderId,
    status: 'accepted',
  });
  return o;
}

/** PlaceOrder: prepare, risk, accept, and send a non-conditional order to the book. */
export function placeOrder(ctx: Ctx, account: AccountState, raw: unknown): void {
  const prep = prepare(ctx, account, raw);
  if (!prep.ok) {
    rejectOrder(ctx, account.id, prep.symbol, prep.clientOrderId, prep.code, prep.message);
    return;
  }
  const risk = riskInput(account, prep.p);
  const code = checkPreTrade(ctx, account, risk);
  if (code !== undefined) {
    rejectOrder(ctx, account.id, prep.p.spec.inst.instrument.symbol, prep.p.spec.clientOrderId, code);
    return;
  }
  // Nothing changed the account or the record between the checks and here: the reservation stands.
  const o = accept(ctx, account, prep.p, 0, true, risk);
  if (!isConditional(o.type)) execute(ctx, o);
}
