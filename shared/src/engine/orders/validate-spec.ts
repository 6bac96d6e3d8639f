import { ORDER_TYPES, type OrderSide, type OrderType, TIMES_IN_FORCE, type TimeInForce } from '../../domain/order';
import { MAX_PRICE_TICKS, MAX_QTY_LOTS } from '../book/index';
import type { ReasonCode } from '../codes/reason-codes';
import { CLIENT_ORDER_ID_LENGTH_MAX } from '../core/config';
import type { EngineState, InstrumentState } from '../core/state';
import { isConditional } from './lifecycle';

/** An order spec after field checks: every number a safe integer in range, every set closed. */
export type CheckedSpec = {
  readonly ok: true;
  readonly inst: InstrumentState;
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  readonly qtyLots: number;
  readonly priceTicks: number;
  readonly triggerTicks: number;
  readonly trailTicks: number;
  readonly trailBps: number;
  readonly expireAtMs: number;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
};

type Writable<T> = { -readonly [K in keyof T]: T[K] };
/** A checked spec to fill in place (PlaceOrder reuses one per engine thread: see `checkSpec`). */
export type SpecSlot = Writable<CheckedSpec>;

/** A spec object with every field set (one shape for all of them). */
export function newSpecSlot(): SpecSlot {
  return {
    ok: true,
    inst: undefined as unknown as InstrumentState,
    clientOrderId: '',
    side: 'buy',
    type: 'limit',
    tif: 'GTC',
    qtyLots: 0,
    priceTicks: 0,
    triggerTicks: 0,
    trailTicks: 0,
    trailBps: 0,
    expireAtMs: 0,
    postOnly: false,
    reduceOnly: false,
  };
}

export type SpecFail = { readonly ok: false; readonly code: ReasonCode; readonly message?: string };
/** The checked spec itself (one object per order), or why not. */
export type SpecCheck = CheckedSpec | SpecFail;

/** Client ids are printable ASCII without spaces (0x21–0x7e); a loop, not a regex, on the hot path. */
function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}
const HAS_LIMIT: ReadonlySet<OrderType> = new Set(['limit', 'stop_limit', 'take_profit_limit']);
const fail = (code: ReasonCode, message?: string): SpecFail => ({ ok: false, code, message });

/** A positive quantity or price: a non-integer is off the grid, anything else not positive is invalid. */
function checkSteps(v: unknown, max: number, invalid: ReasonCode): ReasonCode | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return invalid;
  if (!Number.isInteger(v)) return 'INSTR_OFF_GRID';
  if (v > max) return invalid === 'ORDER_INVALID_QTY' ? 'INSTR_QTY_ABOVE_MAX' : 'INSTR_PRICE_OUT_OF_RANGE';
  return undefined;
}

function optionalPrice(v: unknown): number | ReasonCode {
  if (v === undefined) return 0;
  return checkSteps(v, MAX_PRICE_TICKS, 'ORDER_INVALID_PRICE') ?? (v as number);
}

/**
 * Field-level checks of an order spec (no account or market state involved). The result is
 * written into `into` when given (a caller that is done with it before the next call), else
 * into a new object.
 */
export function checkSpec(state: EngineState, raw: unknown, into?: SpecSlot): SpecCheck {
  if (typeof raw !== 'object' || raw === null) return fail('CMD_MALFORMED');
  const s = raw as Record<string, unknown>;
  const ix = typeof s.symbol === 'string' ? state.symbolIx.get(s.symbol) : undefined;
  if (ix === undefined) return fail('INSTR_UNKNOWN');
  const inst = state.instruments[ix] as InstrumentState;
  const cid = s.clientOrderId ?? '';
  if (typeof cid !== 'string' || cid.length > CLIENT_ORDER_ID_LENGTH_MAX || (cid !== '' && !isPrintableAscii(cid))) {
    return fail('ORDER_INVALID_CLIENT_ID');
  }
  if (s.side !== 'buy' && s.side !== 'sell') return fail('ORDER_INVALID_SIDE');
  const type = s.orderType as OrderType;
  if (!(ORDER_TYPES as readonly unknown[]).includes(type)) return fail('ORDER_INVALID_TYPE');
  const tif = (s.tif ?? 'GTC') as TimeInForce;
  if (!(TIMES_IN_FORCE as readonly unknown[]).includes(tif)) return fail('ORDER_INVALID_TIF');
  const qtyCode = checkSteps(s.qtyLots, MAX_QTY_LOTS, 'ORDER_INVALID_QTY');
  if (qtyCode !== undefined) return fail(qtyCode);
  const price = optionalPrice(s.priceTicks);
  if (typeof price === 'string') return fail(price);
  const trigger = optionalPrice(s.triggerPriceTicks);
  if (typeof trigger === 'string') return fail(trigger);
  if (s.postOnly !== undefined && typeof s.postOnly !== 'boolean') return fail('CMD_MALFORMED');
  if (s.reduceOnly !== undefined && typeof s.reduceOnly !== 'boolean') return fail('CMD_MALFORMED');
  const postOnly = s.postOnly === true;
  const bad = checkShape(state, s, type, tif, price, trigger, postOnly);
  if (bad !== undefined) return bad;
  // The shape checks above validated the trail and expiry fields read here.
  const trailing = type === 'trailing_stop';
  const out = into ?? newSpecSlot();
  out.inst = inst;
  out.clientOrderId = cid;
  out.side = s.side as OrderSide;
  out.type = type;
  out.tif = tif;
  out.qtyLots = s.qtyLots as number;
  out.priceTicks = price;
  out.triggerTicks = trigger;
  out.trailTicks = trailing && s.trailTicks !== undefined ? (s.trailTicks as number) : 0;
  out.trailBps = trailing && s.trailBps !== undefined ? (s.trailBps as number) : 0;
  out.expireAtMs = tif === 'GTD' ? (s.expireAtMs as number) : 0;
  out.postOnly = postOnly;
  out.reduceOnly = s.reduceOnly === true;
  return out;
}

/** Which fields each order type and time in force needs; undefined when the shape is right. */
function checkShape(
  state: EngineState,
  s: Record<string, unknown>,
  type: OrderType,
  tif: TimeInForce,
  price: number,
  trigger: number,
  postOnly: boolean,
): SpecFail | undefined {
  if (HAS_LIMIT.has(type) && price === 0) return fail('ORDER_MISSING_PRICE');
  if (!HAS_LIMIT.has(type) && price !== 0) return fail('ORDER_UNEXPECTED_PRICE');
  if (isConditional(type) && type !== 'trailing_stop' && trigger === 0) return fail('ORDER_MISSING_TRIGGER');
  if (!isConditional(type) && trigger !== 0)
    return fail('ORDER_UNEXPECTED_PRICE', 'only conditional orders take a trigger price');
  const trail = checkTrail(type, s.trailTicks, s.trailBps);
  if (trail !== undefined) return fail(trail);
  const expiry = checkExpiry(state, tif, s.expireAtMs);
  if (expiry !== undefined) return fail(expiry);
  const market = type === 'market' || type === 'stop_market' || type === 'take_profit' || type === 'trailing_stop';
  if (market && (tif === 'GTD' || tif === 'DAY') && type === 'market')
    return fail('ORDER_TIF_NOT_ALLOWED', 'a market order cannot wait');
  if (postOnly && (type !== 'limit' || tif === 'IOC' || tif === 'FOK')) return fail('ORDER_POST_ONLY_NOT_ALLOWED');
  return undefined;
}

/** Trailing stops take exactly one of trailTicks (≤ MAX_PRICE_TICKS) and trailBps (≤ 9,999); others neither. */
function checkTrail(type: OrderType, ticks: unknown, bps: unknown): ReasonCode | undefined {
  if (type !== 'trailing_stop') return ticks === undefined && bps === undefined ? undefined : 'ORDER_INVALID_TRAIL';
  const hasTicks = ticks !== undefined;
  if (hasTicks === (bps !== undefined)) return 'ORDER_INVALID_TRAIL';
  const v = hasTicks ? ticks : bps;
  const max = hasTicks ? MAX_PRICE_TICKS : 9_999;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0 || v > max) return 'ORDER_INVALID_TRAIL';
  return undefined;
}

/** GTD needs an expiry after now; other TIFs none. */
function checkExpiry(state: EngineState, tif: TimeInForce, v: unknown): ReasonCode | undefined {
  if (tif !== 'GTD') return v === undefined ? undefined : 'ORDER_INVALID_EXPIRY';
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= state.nowMs) return 'ORDER_INVALID_EXPIRY';
  return undefined;
}
