import type {
  AccountKind,
  Instrument,
  NotionalScale,
  OrderSide,
  OrderStatus,
  OrderType,
  TimeInForce,
  TradingState,
} from '../../domain/index';
import type { OrderBook } from '../book/index';
import type { Amounts } from '../ledger/amounts';
import type { LedgerAccount, LedgerState } from '../ledger/ledger';
import type { ClientIdTable } from '../orders/client-ids';
import type { ExpiryHeap } from '../orders/expiry-heap';
import type { OpenOrders } from '../orders/open-orders';
import type { OrderStore } from '../orders/order-store';
import type { TriggerBook } from '../orders/triggers';
import type { ClosedTrades } from '../portfolio/closed-trades';
import type { Position } from '../portfolio/position';
import type { RiskLimits } from '../risk/limits';
import type { TokenBucket } from '../risk/token-bucket';

/**
 * The engine's whole state: mutable, owned by one thread, changed only by `apply`.
 * Everything in it is either plain data (snapshotted) or derived from plain data on restore
 * (the trigger lists and the expiry heap are rebuilt from the orders).
 */

/**
 * An open order as plain data: what `state.orders.get(id)` / `values()` return and snapshots
 * hold. Inside the engine orders live in `OrderStore` slots (orders/order-store.ts); this is a copy.
 */
export type OrderRecord = {
  readonly orderId: number;
  readonly accountIx: number;
  readonly clientOrderId: string;
  readonly instIx: number;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  /** Limit price (0: none). */
  readonly priceTicks: number;
  /** Trigger price (0: none); trailing stops move it. */
  readonly triggerTicks: number;
  readonly trailTicks: number;
  readonly trailBps: number;
  readonly qtyLots: number;
  readonly filledLots: number;
  readonly status: OrderStatus;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  /** 0: never. */
  readonly expireAtMs: number;
  /** Quote currency reserved for the rest of the order (cash buy: value + fee; margin: initial margin). */
  readonly holdMinor: bigint;
  /** Lots of the instrument reserved (cash-account sells). */
  readonly holdLots: number;
  /** The price the order works at in the book: its limit, or a market order's protection price. */
  readonly workingTicks: number;
  /** Resting in the book now. */
  readonly inBook: boolean;
  /** The OCO partner (0: none). */
  readonly ocoId: number;
  /** Bracket: on the entry, its take-profit and stop-loss specs; legs know their entry. */
  readonly bracket: BracketSpec | null;
  readonly parentId: number;
  /** Bracket legs once live (0: not yet), and the entry lots they already cover. */
  readonly takeProfitId: number;
  readonly stopLossId: number;
  readonly coveredLots: number;
  /**
   * The conditional leg of a same-side OCO pair reserves nothing while its sibling lives: the
   * sibling's reservation covers both, because only one of the two may execute.
   */
  readonly holdDeferred: boolean;
};

export type BracketSpec = {
  readonly takeProfitTicks: number;
  readonly stopLossTriggerTicks: number;
  readonly stopLossLimitTicks: number;
};

export type { ClosedTrade } from '../portfolio/closed-trades';
export type { Position };

export type Protection = { state: TradingState; untilMs: number; reason: string };

export type AccountState = LedgerAccount & {
  readonly ix: number;
  readonly kind: AccountKind;
  /** -1 for a top-level account. */
  readonly parentIx: number;
  readonly leverage: number;
  limits: RiskLimits;
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  /** Quote currency reserved by open orders (sum of the orders' holdMinor), per currency. */
  holds: Amounts;
  /** Indexed by instrument index. */
  positions: (Position | undefined)[];
  /** Open orders, in acceptance order. */
  readonly openOrders: OpenOrders;
  /** Every client order id ever used → order id (idempotency). */
  readonly clientIds: ClientIdTable;
  manualState: TradingState;
  manualReason: string;
  protection: Protection;
  bucket: TokenBucket;
  /** Start of the current trading day and the realised PnL net of fees since then (exact double; NaN: see below). */
  dayStartMs: number;
  dayPnlNum: number;
  /** The day's PnL when it is beyond 2^53 (`dayPnlNum` is then NaN); see `dayPnlOf`. */
  dayPnlBig: bigint;
  /** The last closed trades, for the protections. */
  readonly closes: ClosedTrades;
  marginCalled: boolean;
};

export type InstrumentState = {
  readonly ix: number;
  readonly instrument: Instrument;
  readonly scale: NotionalScale;
  /** `scale` as doubles for the exact-number fast path (NaN when not a safe integer). */
  readonly scaleNum: number;
  readonly scaleDen: number;
  readonly quote: string;
  /** Ledger key of the position asset ("@BTC-USD", in lots). */
  readonly assetKey: string;
  readonly book: OrderBook;
  lastTradeTicks: number;
  /** Last external mark (0: none). */
  markTicks: number;
  state: TradingState;
  stateReason: string;
  triggers: TriggerBook;
  /** Margin accounts with a non-zero position here: a price move revalues them (derived on restore). */
  readonly marginHolders: Set<number>;
};

export type EngineState = {
  nowMs: number;
  nextOrderId: number;
  nextTradeId: number;
  globalState: TradingState;
  globalReason: string;
  readonly instruments: InstrumentState[];
  readonly symbolIx: Map<string, number>;
  readonly accounts: AccountState[];
  readonly accountIx: Map<string, number>;
  /** Open orders by id, in slots (terminal ones are dropped at the end of the command). */
  readonly orders: OrderStore;
  /**
   * The last order id registered (derived: `nextOrderId − 1` after a restore). Ids are registered
   * in increasing order, so an id above it cannot be open yet: O(1) instead of a probe of `orders`.
   */
  lastRegisteredId: number;
  readonly ledger: LedgerState;
  readonly expiries: ExpiryHeap;
  /** Accounts under a protection, to lift them when their time is up (derived on restore). */
  readonly protectedIx: number[];
};
