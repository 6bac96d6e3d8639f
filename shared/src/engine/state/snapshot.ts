import type { AccountKind, OrderSide, OrderStatus, OrderType, TimeInForce, TradingState } from '../../domain/order';
import { assert } from '../../util/assert';
import type { BookSnapshot } from '../book/index';
import type { EngineConfig } from '../core/config';
import { initialState } from '../core/engine';
import type { AccountState, EngineState, InstrumentState, OrderRecord } from '../core/state';
import { Amounts } from '../ledger/amounts';
import type { LedgerAccount } from '../ledger/ledger';
import { ClientIdTable } from '../orders/client-ids';
import { pushExpiry } from '../orders/expiry-heap';
import { armTrigger, isUntriggered } from '../orders/lifecycle';
import { OpenOrders } from '../orders/open-orders';
import { ClosedTrades } from '../portfolio/closed-trades';
import { toExact } from '../portfolio/exact-number';
import { Position } from '../portfolio/position';
import { dayPnlOf } from '../portfolio/settlement';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../risk/limits';

/**
 * The engine state as plain JSON data (bigints as decimal strings), in a canonical order:
 * arrays by id, maps sorted by key. Derived indexes (trigger lists, expiry heap, open-order
 * sets, margin holders, protected accounts) are rebuilt on restore, not stored, so one state
 * has exactly one snapshot and `JSON.stringify` of it is the canonical serialisation.
 */
export const SNAPSHOT_VERSION = 2;
/**
 * Version 1 (before the client-id window) kept every client id an account ever used and no
 * window limits; `restore` still reads it (see `upgradeV1`).
 */
const SNAPSHOT_VERSION_1 = 1;

type Big = string;
type Pairs = [string, Big][];
export type OrderSnap = Omit<OrderRecord, 'holdMinor'> & { holdMinor: Big };
export type PositionSnap = {
  qtyLots: number;
  costMinor: Big;
  realisedMinor: Big;
  feesMinor: Big;
  openBuyLots: number;
  openSellLots: number;
  heldLots: number;
  reduceOnlyOrders: number;
  instIx: number;
};
export type LimitsSnap = { [K in keyof RiskLimits]: RiskLimits[K] extends bigint ? Big : RiskLimits[K] };
export type AccountSnap = {
  id: string;
  kind: AccountKind;
  parentIx: number;
  leverage: number;
  limits: LimitsSnap;
  makerFeeBps: number;
  takerFeeBps: number;
  balances: Pairs;
  holds: Pairs;
  positions: PositionSnap[];
  /** Client ids of the account's open orders, by order id. */
  clientIds: [string, number][];
  /** Client ids still taken after their order ended: [id, order id, ended at], oldest first. */
  clientIdsEnded: [string, number, number][];
  manualState: TradingState;
  manualReason: string;
  protection: { state: TradingState; untilMs: number; reason: string };
  bucket: { milliTokens: number; lastMs: number };
  dayStartMs: number;
  dayPnlMinor: Big;
  closes: { timeMs: number; pnlMinor: Big; stopOut: boolean }[];
  marginCalled: boolean;
};
export type InstrumentSnap = {
  symbol: string;
  lastTradeTicks: number;
  markTicks: number;
  state: TradingState;
  stateReason: string;
  book: BookSnapshot;
};
export type EngineSnapshot = {
  version: typeof SNAPSHOT_VERSION;
  nowMs: number;
  nextOrderId: number;
  nextTradeId: number;
  globalState: TradingState;
  globalReason: string;
  instruments: InstrumentSnap[];
  accounts: AccountSnap[];
  orders: OrderSnap[];
  ledger: { external: Pairs; fees: Pairs; liquidation: Pairs; postingCount: number };
};

const sortedPairs = (m: Amounts): Pairs =>
  [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, v.toString()]);
const toAmounts = (p: Pairs): Amounts => new Amounts(p.map(([k, v]) => [k, BigInt(v)] as const));

export function takeSnapshot(state: EngineState): EngineSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    nowMs: state.nowMs,
    nextOrderId: state.nextOrderId,
    nextTradeId: state.nextTradeId,
    globalState: state.globalState,
    globalReason: state.globalReason,
    instruments: state.instruments.map((i) => ({
      symbol: i.instrument.symbol,
      lastTradeTicks: i.lastTradeTicks,
      markTicks: i.markTicks,
      state: i.state,
      stateReason: i.stateReason,
      book: i.book.snapshot(),
    })),
    accounts: state.accounts.map(accountSnap),
    orders: [...state.orders.values()].sort((a, b) => a.orderId - b.orderId).map(orderSnap),
    ledger: {
      external: sortedPairs(state.ledger.external.balances),
      fees: sortedPairs(state.ledger.fees.balances),
      liquidation: sortedPairs(state.ledger.liquidation.balances),
      postingCount: state.ledger.postingCount,
    },
  };
}

/** The order's own data; the open-list links are derived (rebuilt in id order on restore). */
function orderSnap(o: OrderRecord): OrderSnap {
  return { ...o, holdMinor: o.holdMinor.toString() };
}

function limitsSnap(limits: RiskLimits): LimitsSnap {
  return Object.fromEntries(
    Object.entries(limits).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]),
  ) as LimitsSnap;
}

function accountSnap(a: AccountState): AccountSnap {
  const limits = limitsSnap(a.limits);
  const clientIds = a.clientIds.entries();
  const positions: PositionSnap[] = [];
  a.positions.forEach((p, instIx) => {
    if (p !== undefined)
      // Field for field, in the order snapshots have always had (the state hash depends on it).
      positions.push({
        qtyLots: p.qtyLots,
        costMinor: p.costMinor.toString(),
        realisedMinor: p.realisedMinor.toString(),
        feesMinor: p.feesMinor.toString(),
        openBuyLots: p.openBuyLots,
        openSellLots: p.openSellLots,
        heldLots: p.heldLots,
        reduceOnlyOrders: p.reduceOnlyOrders,
        instIx,
      });
  });
  return {
    id: a.id,
    kind: a.kind,
    parentIx: a.parentIx,
    leverage: a.leverage,
    limits,
    makerFeeBps: a.makerFeeBps,
    takerFeeBps: a.takerFeeBps,
    balances: sortedPairs(a.balances),
    holds: sortedPairs(a.holds),
    positions,
    clientIds: clientIds.open,
    clientIdsEnded: clientIds.ended,
    manualState: a.manualState,
    manualReason: a.manualReason,
    protection: { ...a.protection },
    bucket: { ...a.bucket },
    dayStartMs: a.dayStartMs,
    dayPnlMinor: dayPnlOf(a).toString(),
    closes: a.closes.toArray().map((c) => ({ timeMs: c.timeMs, pnlMinor: c.pnlMinor.toString(), stopOut: c.stopOut })),
    marginCalled: a.marginCalled,
  };
}

/** Rebuilds a live state from a snapshot taken with the same instruments (asserted). */
export function restoreSnapshot(config: EngineConfig, given: EngineSnapshot): EngineState {
  const version: number = given.version;
  assert(version === SNAPSHOT_VERSION || version === SNAPSHOT_VERSION_1, `unknown snapshot version ${version}`);
  const snap = version === SNAPSHOT_VERSION_1 ? upgradeV1(given) : given;
  const state = initialState(config);
  assert(snap.instruments.length === state.instruments.length, 'snapshot instruments differ from the config');
  Object.assign(state, {
    nowMs: snap.nowMs,
    nextOrderId: snap.nextOrderId,
    nextTradeId: snap.nextTradeId,
    globalState: snap.globalState,
    globalReason: snap.globalReason,
  });
  snap.instruments.forEach((s, ix) => {
    restoreInstrument(state.instruments[ix] as InstrumentState, s);
  });
  for (const s of snap.accounts) restoreAccount(state, s);
  // The books keep no id index: each resting order learns its slot in the rebuilt book.
  const bookSlots = new Map<number, number>();
  for (const inst of state.instruments) inst.book.forEachSlot((id, slot) => bookSlots.set(id, slot));
  for (const s of snap.orders) restoreOrder(state, s, bookSlots);
  setBalances(state.ledger.external, snap.ledger.external);
  setBalances(state.ledger.fees, snap.ledger.fees);
  setBalances(state.ledger.liquidation, snap.ledger.liquidation);
  state.ledger.postingCount = snap.ledger.postingCount;
  state.lastRegisteredId = snap.nextOrderId - 1;
  return state;
}

function setBalances(a: LedgerAccount, p: Pairs): void {
  for (const [k, v] of p) a.balances.set(k, BigInt(v));
}

function restoreInstrument(inst: InstrumentState, s: InstrumentSnap): void {
  assert(inst.instrument.symbol === s.symbol, `snapshot instrument ${s.symbol} is not ${inst.instrument.symbol}`);
  inst.lastTradeTicks = s.lastTradeTicks;
  inst.markTicks = s.markTicks;
  inst.state = s.state;
  inst.stateReason = s.stateReason;
  assert(inst.book.restore(s.book) === 'restored', `book snapshot of ${s.symbol} is invalid`);
}

function restoreAccount(state: EngineState, s: AccountSnap): void {
  const ix = state.accounts.length;
  const limits = Object.fromEntries(
    Object.entries(s.limits).map(([k, v]) => [k, typeof v === 'string' ? BigInt(v) : v]),
  ) as RiskLimits;
  const positions: (Position | undefined)[] = [];
  for (const p of s.positions) {
    const pos = new Position();
    pos.qtyLots = p.qtyLots;
    pos.costMinor = BigInt(p.costMinor);
    pos.realisedMinor = BigInt(p.realisedMinor);
    pos.feesMinor = BigInt(p.feesMinor);
    pos.openBuyLots = p.openBuyLots;
    pos.openSellLots = p.openSellLots;
    pos.heldLots = p.heldLots;
    pos.reduceOnlyOrders = p.reduceOnlyOrders;
    const instIx = p.instIx;
    positions[instIx] = pos;
    const inst = state.instruments[instIx] as InstrumentState;
    if (s.kind === 'margin' && p.qtyLots !== 0) inst.marginHolders.add(ix);
  }
  const a: AccountState = {
    id: s.id,
    balances: toAmounts(s.balances),
    ix,
    kind: s.kind,
    parentIx: s.parentIx,
    leverage: s.leverage,
    limits,
    makerFeeBps: s.makerFeeBps,
    takerFeeBps: s.takerFeeBps,
    holds: toAmounts(s.holds),
    positions,
    openOrders: new OpenOrders(),
    clientIds: new ClientIdTable(),
    manualState: s.manualState,
    manualReason: s.manualReason,
    protection: { ...s.protection },
    bucket: { ...s.bucket },
    dayStartMs: s.dayStartMs,
    dayPnlNum: toExact(BigInt(s.dayPnlMinor)),
    dayPnlBig: Number.isNaN(toExact(BigInt(s.dayPnlMinor))) ? BigInt(s.dayPnlMinor) : 0n,
    closes: ClosedTrades.from(
      s.closes.map((c) => ({ timeMs: c.timeMs, pnlMinor: BigInt(c.pnlMinor), stopOut: c.stopOut })),
    ),
    marginCalled: s.marginCalled,
  };
  for (const [cid, id] of s.clientIds) a.clientIds.insert(cid, id, state.nowMs, limits);
  for (const [cid, id, at] of s.clientIdsEnded) a.clientIds.restoreEnded(cid, id, at);
  state.accounts.push(a);
  state.accountIx.set(a.id, ix);
  if (a.protection.state !== 'active') state.protectedIx.push(ix);
}

function restoreOrder(state: EngineState, s: OrderSnap, bookSlots: ReadonlyMap<number, number>): void {
  const st = state.orders;
  const o = st.restore({ ...s, holdMinor: BigInt(s.holdMinor) });
  (state.accounts[s.accountIx] as AccountState).openOrders.add(st, o);
  const inst = state.instruments[s.instIx] as InstrumentState;
  if (s.inBook) {
    const slot = bookSlots.get(s.orderId);
    assert(slot !== undefined, `order ${s.orderId} missing from the restored book`);
    st.setBookSlot(o, slot as number);
  }
  if (isUntriggered(st, o)) armTrigger(inst, st, o);
  if (s.expireAtMs > 0) pushExpiry(state.expiries, s.expireAtMs, s.orderId);
}

/**
 * A version 1 snapshot as version 2: the window limits at their defaults; of the client ids
 * (every one ever used, in use order) those of open orders stay open, the last `clientIdWindow`
 * of the rest count as ended at the snapshot's time.
 */
function upgradeV1(v1: EngineSnapshot): EngineSnapshot {
  const open = new Set(v1.orders.map((o) => o.orderId));
  const w = DEFAULT_RISK_LIMITS.clientIdWindow;
  const accounts = v1.accounts.map((a) => {
    const all = a.clientIds;
    const ended = all.filter(([, id]) => !open.has(id)).slice(-w);
    return {
      ...a,
      limits: { ...limitsSnap(DEFAULT_RISK_LIMITS), ...a.limits },
      clientIds: all.filter(([, id]) => open.has(id)).sort((x, y) => x[1] - y[1]),
      clientIdsEnded: ended.map(([cid, id]): [string, number, number] => [cid, id, v1.nowMs]),
    };
  });
  return { ...v1, version: SNAPSHOT_VERSION, accounts };
}

export type { OrderSide, OrderStatus, OrderType, TimeInForce };
