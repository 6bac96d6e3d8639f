import { decimalToSteps, type Instrument, parseStep } from '@tradewind/shared';
import type { Command, EngineState, OrderSpec } from '@tradewind/shared/engine';
import type {
  CancelRequest,
  ModifyRequest,
  OrderSpecInput,
  PlaceRequest,
  TradingReject,
} from '@tradewind/shared/protocol';

/** A command without its time: the order-entry function stamps time when it applies it. */
export type UntimedCommand = Command extends infer C ? (C extends Command ? Omit<C, 'timeMs'> : never) : never;
export type Converted = { ok: true; command: UntimedCommand } | ({ ok: false } & TradingReject);

/** trailPercent is given in percent with at most two decimals: "1.5" = 150 bps. */
const PERCENT_BPS_STEP = parseStep('0.01');

const reject = (code: TradingReject['code'], message: string): Converted => ({ ok: false, code, message });

const MAX_SAFE_STEPS = BigInt(Number.MAX_SAFE_INTEGER);
/** The spec's step fields, in the order they appear in the command (and its journal text). */
const SPEC_STEP_KEYS = ['qtyLots', 'priceTicks', 'triggerPriceTicks', 'trailTicks', 'trailBps'] as const;

type Steps = { ok: true; value: number } | { ok: false; code: 'OFF_GRID' | 'INVALID'; message: string };

function toSteps(text: string | undefined, step: Instrument['tick'], what: string): Steps | undefined {
  if (text === undefined) return undefined;
  const r = decimalToSteps(text, step);
  if (!r.ok) {
    const code = r.code === 'DECIMAL_OFF_GRID' ? 'OFF_GRID' : 'INVALID';
    return { ok: false, code, message: `${what} ${text}: ${r.message}` };
  }
  if (r.value <= 0n || r.value > MAX_SAFE_STEPS) return { ok: false, code: 'INVALID', message: `${what} out of range` };
  return { ok: true, value: Number(r.value) };
}

/** Decimal strings → ticks and lots of the instrument: off the grid is rejected, never rounded. */
export function convertSpec(
  input: OrderSpecInput,
  instruments: ReadonlyMap<string, Instrument>,
): { ok: true; spec: OrderSpec } | ({ ok: false } & TradingReject) {
  const inst = instruments.get(input.symbol);
  if (inst === undefined) return { ok: false, code: 'UNKNOWN_SYMBOL', message: `unknown symbol ${input.symbol}` };
  const fields = {
    qtyLots: toSteps(input.quantity, inst.lot, 'quantity'),
    priceTicks: toSteps(input.price, inst.tick, 'price'),
    triggerPriceTicks: toSteps(input.triggerPrice, inst.tick, 'triggerPrice'),
    trailTicks: toSteps(input.trailAmount, inst.tick, 'trailAmount'),
    trailBps: toSteps(input.trailPercent, PERCENT_BPS_STEP, 'trailPercent'),
  };
  const spec: Record<string, unknown> = { symbol: input.symbol, side: input.side, orderType: input.type };
  for (const key of SPEC_STEP_KEYS) {
    const r = fields[key];
    if (r === undefined) continue;
    if (!r.ok) return { ok: false, code: r.code, message: r.message };
    spec[key] = r.value;
  }
  if (input.timeInForce !== undefined) spec.tif = input.timeInForce;
  if (input.expireAtMs !== undefined) spec.expireAtMs = input.expireAtMs;
  if (input.postOnly !== undefined) spec.postOnly = input.postOnly;
  if (input.reduceOnly !== undefined) spec.reduceOnly = input.reduceOnly;
  if (input.clientOrderId !== undefined) spec.clientOrderId = input.clientOrderId;
  return { ok: true, spec: spec as OrderSpec };
}

export function convertPlace(req: PlaceRequest, instruments: ReadonlyMap<string, Instrument>): Converted {
  const p = req.place;
  const accountId = req.accountId;
  if (p.kind === 'single') {
    const s = convertSpec(p.order, instruments);
    return s.ok ? { ok: true, command: { type: 'PlaceOrder', accountId, order: s.spec } } : s;
  }
  if (p.kind === 'oco') {
    const a = convertSpec(p.first, instruments);
    if (!a.ok) return a;
    const b = convertSpec(p.second, instruments);
    return b.ok ? { ok: true, command: { type: 'PlaceOco', accountId, first: a.spec, second: b.spec } } : b;
  }
  const entry = convertSpec(p.entry, instruments);
  if (!entry.ok) return entry;
  const tick = (instruments.get(p.entry.symbol) as Instrument).tick;
  const tp = toSteps(p.takeProfitPrice, tick, 'takeProfitPrice') as Steps;
  const sl = toSteps(p.stopLossTriggerPrice, tick, 'stopLossTriggerPrice') as Steps;
  const sll = toSteps(p.stopLossLimitPrice, tick, 'stopLossLimitPrice');
  for (const r of [tp, sl, sll]) if (r !== undefined && !r.ok) return reject(r.code, r.message);
  if (!tp.ok || !sl.ok) return reject('INVALID', 'bracket prices');
  const command: UntimedCommand = {
    type: 'PlaceBracket',
    accountId,
    entry: entry.spec,
    takeProfitTicks: tp.value,
    stopLossTriggerTicks: sl.value,
    ...(sll?.ok ? { stopLossLimitTicks: sll.value } : {}),
  };
  return { ok: true, command };
}

/** The order must be open and the account's: anything else is NOT_FOUND (another user's ids included). */
export function ownedOpenOrder(state: EngineState, accountId: string, orderId: string) {
  const record = state.orders.get(Number(orderId));
  if (record === undefined || state.accounts[record.accountIx]?.id !== accountId) return undefined;
  return record;
}

export function convertModify(req: ModifyRequest, state: EngineState): Converted {
  const record = ownedOpenOrder(state, req.accountId, req.orderId);
  if (record === undefined) return reject('NOT_FOUND', `no open order ${req.orderId} in this account`);
  const inst = state.instruments[record.instIx]?.instrument as Instrument;
  const command: Record<string, unknown> = { type: 'ModifyOrder', accountId: req.accountId, orderId: record.orderId };
  const fields = {
    qtyLots: toSteps(req.quantity, inst.lot, 'quantity'),
    priceTicks: toSteps(req.price, inst.tick, 'price'),
    triggerPriceTicks: toSteps(req.triggerPrice, inst.tick, 'triggerPrice'),
  };
  for (const [key, r] of Object.entries(fields)) {
    if (r === undefined) continue;
    if (!r.ok) return reject(r.code, r.message);
    command[key] = r.value;
  }
  return { ok: true, command: command as UntimedCommand };
}

export function convertCancel(req: CancelRequest, state: EngineState): Converted {
  if (req.orderId !== undefined) {
    const record = ownedOpenOrder(state, req.accountId, req.orderId);
    if (record === undefined) return reject('NOT_FOUND', `no open order ${req.orderId} in this account`);
    return { ok: true, command: { type: 'CancelOrder', accountId: req.accountId, orderId: record.orderId } };
  }
  const ix = state.accountIx.get(req.accountId);
  const orderId = ix === undefined ? undefined : state.accounts[ix]?.clientIds.get(req.clientOrderId ?? '');
  if (orderId === undefined || !state.orders.has(orderId)) {
    return reject('NOT_FOUND', `no open order with client id ${req.clientOrderId} in this account`);
  }
  return { ok: true, command: { type: 'CancelOrder', accountId: req.accountId, orderId } };
}
