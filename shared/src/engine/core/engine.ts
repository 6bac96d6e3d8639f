import { CURRENCY_SCALE, notionalScaleOf } from '../../domain/index';
import { OrderBook } from '../book/index';
import { type ReasonCode, reasonMessage } from '../codes/reason-codes';
import { newLedger } from '../ledger/ledger';
import { cancelAll, cancelOne } from '../orders/cancel';
import { newExpiryHeap } from '../orders/expiry-heap';
import { modifyOrder } from '../orders/modify';
import { OrderStore } from '../orders/order-store';
import { placeOrder } from '../orders/place';
import { placeBracket, placeOco } from '../orders/place-contingent';
import { newTriggerBook } from '../orders/triggers';
import { depositOrWithdraw, openAccount, setLimits, transfer } from '../portfolio/accounts';
import { toExact } from '../portfolio/exact-number';
import { setTradingState } from '../risk/set-state';
import type { Command, CommandType } from './commands';
import { type EngineConfig, MARKS_PER_COMMAND_MAX, TRIGGER_CASCADE_MAX } from './config';
import { type Ctx, emit, markDirty } from './context';
import { advanceTime, drain } from './drain';
import type { EngineEvent } from './events';
import { ReusableList } from './reusable-list';
import type { AccountState, EngineState, InstrumentState } from './state';

const COMMAND_TYPES: ReadonlySet<string> = new Set<CommandType>([
  'OpenAccount',
  'Deposit',
  'Withdraw',
  'Transfer',
  'PlaceOrder',
  'PlaceOco',
  'PlaceBracket',
  'ModifyOrder',
  'CancelOrder',
  'CancelAll',
  'SetTradingState',
  'SetLimits',
  'MarkPrices',
  'AdvanceTime',
]);

export function newInstrumentState(config: EngineConfig, ix: number): InstrumentState {
  const instrument = config.instruments[ix];
  if (instrument === undefined) throw new RangeError(`no instrument ${ix}`);
  const scale = notionalScaleOf(instrument, CURRENCY_SCALE[instrument.quote] ?? 2);
  return {
    ix,
    instrument,
    scale,
    scaleNum: toExact(scale.num),
    scaleDen: toExact(scale.den),
    quote: instrument.quote,
    assetKey: `@${instrument.symbol}`,
    // No id index in the book: the order store finds orders by id and keeps each one's book slot.
    book: new OrderBook({ selfTrade: config.selfTrade, indexById: false }),
    lastTradeTicks: 0,
    markTicks: 0,
    state: 'active',
    stateReason: '',
    triggers: newTriggerBook(),
    marginHolders: new Set(),
  };
}

export function initialState(config: EngineConfig): EngineState {
  const instruments = config.instruments.map((_, ix) => newInstrumentState(config, ix));
  return {
    nowMs: 0,
    nextOrderId: 1,
    nextTradeId: 1,
    globalState: 'active',
    globalReason: '',
    instruments,
    symbolIx: new Map(instruments.map((i) => [i.instrument.symbol as string, i.ix])),
    accounts: [],
    accountIx: new Map(),
    orders: new OrderStore(),
    lastRegisteredId: 0,
    ledger: newLedger(),
    expiries: newExpiryHeap(),
    protectedIx: [],
  };
}

export function newCtx(state: EngineState, config: EngineConfig, events: EngineEvent[]): Ctx {
  return {
    state,
    config,
    events,
    priceMoves: new ReusableList(),
    marginDirty: new ReusableList(),
    closedDirty: new ReusableList(),
    toExecute: new ReusableList(),
    cascadeLeft: TRIGGER_CASCADE_MAX,
  };
}

function rejectCommand(ctx: Ctx, command: CommandType | 'unknown', code: ReasonCode): void {
  emit(ctx, { type: 'CommandRejected', command, code, message: reasonMessage(code) });
}

/**
 * Applies one command to the state (in place) and appends its events to `ctx.events`. Never
 * throws on input: a malformed command becomes a rejection event and changes nothing.
 */
export function applyCommand(ctx: Ctx, cmd: Command): void {
  const raw = cmd as unknown as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null || typeof raw.type !== 'string' || !COMMAND_TYPES.has(raw.type)) {
    rejectCommand(ctx, 'unknown', typeof raw === 'object' && raw !== null ? 'CMD_UNKNOWN_TYPE' : 'CMD_MALFORMED');
    return;
  }
  const t = raw.timeMs;
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) {
    rejectCommand(ctx, cmd.type, 'CMD_INVALID_TIME');
    return;
  }
  if (t < ctx.state.nowMs) {
    rejectCommand(ctx, cmd.type, 'CMD_TIME_REGRESSED');
    return;
  }
  ctx.cascadeLeft = TRIGGER_CASCADE_MAX;
  if (t > ctx.state.nowMs) advanceTime(ctx, t);
  const code = dispatch(ctx, cmd);
  if (code !== undefined) rejectCommand(ctx, cmd.type, code);
  drain(ctx);
  ctx.state.orders.endCommand();
}

function dispatch(ctx: Ctx, cmd: Command): ReasonCode | undefined {
  switch (cmd.type) {
    case 'OpenAccount':
      return openAccount(ctx, cmd);
    case 'Deposit':
    case 'Withdraw':
      return depositOrWithdraw(ctx, cmd);
    case 'Transfer':
      return transfer(ctx, cmd);
    case 'SetLimits':
      return setLimits(ctx, cmd);
    case 'CancelAll':
      return cancelAll(ctx, cmd);
    case 'SetTradingState':
      return setTradingState(ctx, cmd);
    case 'MarkPrices':
      return markPrices(ctx, cmd.marks);
    case 'AdvanceTime':
      return undefined;
    default:
      return dispatchAccount(ctx, cmd);
  }
}

function dispatchAccount(ctx: Ctx, cmd: Command): ReasonCode | undefined {
  const id = (cmd as { accountId?: unknown }).accountId;
  const ix = typeof id === 'string' ? ctx.state.accountIx.get(id) : undefined;
  if (ix === undefined) return 'ACCOUNT_UNKNOWN';
  const account = ctx.state.accounts[ix] as AccountState;
  switch (cmd.type) {
    case 'PlaceOrder':
      placeOrder(ctx, account, cmd.order);
      return undefined;
    case 'PlaceOco':
      placeOco(ctx, account, cmd);
      return undefined;
    case 'PlaceBracket':
      placeBracket(ctx, account, cmd);
      return undefined;
    case 'ModifyOrder':
      modifyOrder(ctx, account, cmd);
      return undefined;
    case 'CancelOrder':
      cancelOne(ctx, account, cmd);
      return undefined;
    default:
      return 'CMD_UNKNOWN_TYPE';
  }
}

/** External marks: validated as a whole first, then each revalues, fires triggers and checks margin. */
function markPrices(ctx: Ctx, marks: unknown): ReasonCode | undefined {
  if (!Array.isArray(marks) || marks.length === 0 || marks.length > MARKS_PER_COMMAND_MAX) return 'CMD_MALFORMED';
  const resolved: [InstrumentState, number][] = [];
  for (const m of marks as unknown[]) {
    const r = m as { symbol?: unknown; priceTicks?: unknown } | null;
    const ix = typeof r?.symbol === 'string' ? ctx.state.symbolIx.get(r.symbol) : undefined;
    if (ix === undefined) return 'INSTR_UNKNOWN';
    const p = r?.priceTicks;
    if (typeof p !== 'number' || !Number.isSafeInteger(p) || p <= 0 || p > 2 ** 48) return 'ORDER_INVALID_PRICE';
    resolved.push([ctx.state.instruments[ix] as InstrumentState, p]);
  }
  for (const [inst, p] of resolved) {
    inst.markTicks = p;
    ctx.priceMoves.push3(inst.ix, p, p);
    // Margin surveillance runs on marks (and for every account that trades, see settlement).
    // Sorted: a Set's order depends on history, and a restore must not change event order.
    if (inst.marginHolders.size > 0)
      for (const ix of [...inst.marginHolders].sort((x, y) => x - y)) markDirty(ctx.marginDirty, ix);
  }
  return undefined;
}
