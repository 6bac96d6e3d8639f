/**
 * The order book's vocabulary: plain numbers on the hot path (safe integers for ids, ticks
 * and lots), string literal unions for the few closed sets, and typed `BOOK_*` rejection
 * codes for bad input. A book never throws on input; it throws `AssertionError` only on a bug.
 */

export type Side = 'buy' | 'sell';
export type BookOrderType = 'limit' | 'market';
/** DAY and GTD are the engine's business: it submits them as GTC and cancels on expiry. */
export type BookTif = 'GTC' | 'IOC' | 'FOK';

/**
 * What happens when an incoming order would trade against a resting order of the same owner.
 * `cancel-resting`: the resting order is cancelled and matching continues behind it.
 * `cancel-incoming`: the rest of the incoming order is cancelled; fills already done stand.
 * `none`: the owner may trade with itself.
 */
export type SelfTradeMode = 'cancel-resting' | 'cancel-incoming' | 'none';

/** Largest quantity of one order, in lots (2^48: sums of a few thousand orders stay exact). */
export const MAX_QTY_LOTS = 2 ** 48;
/** Largest price, in ticks. Prices are ≥ 1 tick. */
export const MAX_PRICE_TICKS = 2 ** 48;
/** Default bound on resting orders per book; `BookOptions.maxRestingOrders` overrides it. */
export const DEFAULT_MAX_RESTING_ORDERS = 1 << 24;
/** Returned by `bestBidTicks()`/`bestAskTicks()` when that side is empty (prices are ≥ 1). */
export const NO_PRICE = 0;

/**
 * An order handed to `OrderBook.submit`. The book copies what it keeps, so a caller may reuse
 * one mutable object for every submit (no allocation per order).
 */
export interface BookOrder {
  /** Non-negative safe integer, unique among the book's resting orders. */
  orderId: number;
  /** Non-negative safe integer: the engine's internal account index. Drives self-trade prevention. */
  ownerId: number;
  side: Side;
  type: BookOrderType;
  /** Limit price in ticks, 1..MAX_PRICE_TICKS. Ignored for market orders. */
  priceTicks: number;
  /** 1..MAX_QTY_LOTS. */
  qtyLots: number;
  /** Market orders never rest: GTC and IOC both mean "cancel what does not fill now". */
  tif: BookTif;
  /** Rejected (nothing changes) if any part would take liquidity. Limit GTC only. */
  postOnly: boolean;
}

/** How a valid submit ended. The taker's unfilled quantity is `OrderBook.lastRemainingLots`. */
export type SubmitOutcome =
  /** Nothing traded; the whole order rests. */
  | 'rested'
  /** Fully filled; nothing rests. */
  | 'filled'
  /** Some traded, the remainder rests. */
  | 'partially-filled-rested'
  /** IOC or market: what did not fill at once was cancelled (possibly all of it). */
  | 'remainder-cancelled'
  /** FOK could not fill completely: nothing traded, nothing changed. */
  | 'fok-killed'
  /** Post-only would have taken: nothing changed. */
  | 'post-only-rejected'
  /** Self-trade prevention (`cancel-incoming`) cancelled the unfilled remainder. */
  | 'self-trade-cancelled';

/** Bad input. The book is unchanged when one of these is returned. */
export type BookRejectCode =
  | 'BOOK_INVALID_ORDER_ID'
  | 'BOOK_DUPLICATE_ORDER_ID'
  | 'BOOK_INVALID_OWNER'
  | 'BOOK_INVALID_SIDE'
  | 'BOOK_INVALID_TYPE'
  | 'BOOK_INVALID_TIF'
  | 'BOOK_INVALID_PRICE'
  | 'BOOK_INVALID_QTY'
  | 'BOOK_INVALID_POST_ONLY'
  | 'BOOK_LEVEL_QTY_OVERFLOW'
  | 'BOOK_FULL'
  | 'BOOK_UNKNOWN_ORDER'
  | 'BOOK_INVALID_SNAPSHOT';

export const BOOK_REJECT_CODES: readonly BookRejectCode[] = [
  'BOOK_INVALID_ORDER_ID',
  'BOOK_DUPLICATE_ORDER_ID',
  'BOOK_INVALID_OWNER',
  'BOOK_INVALID_SIDE',
  'BOOK_INVALID_TYPE',
  'BOOK_INVALID_TIF',
  'BOOK_INVALID_PRICE',
  'BOOK_INVALID_QTY',
  'BOOK_INVALID_POST_ONLY',
  'BOOK_LEVEL_QTY_OVERFLOW',
  'BOOK_FULL',
  'BOOK_UNKNOWN_ORDER',
  'BOOK_INVALID_SNAPSHOT',
];

export function isBookReject(code: string): code is BookRejectCode {
  return code.startsWith('BOOK_');
}

/**
 * Receives what one `submit` did, synchronously and in order. Called with numbers only, so
 * reporting a fill allocates nothing. Implementations must not call back into the book.
 */
export interface FillSink {
  /**
   * One trade: the resting (maker) order traded `qtyLots` at its own price `priceTicks` with the
   * incoming (taker) order. `makerRemainingLots` is 0 when the maker left the book.
   */
  onFill(
    makerOrderId: number,
    makerOwnerId: number,
    takerOrderId: number,
    priceTicks: number,
    qtyLots: number,
    makerRemainingLots: number,
  ): void;
  /**
   * Self-trade prevention acted. `cancelled` says which order lost `cancelledLots`: with
   * `resting` the resting order left the book (and matching went on); with `incoming` the
   * taker's remainder was cancelled (and the submit ends with `self-trade-cancelled`).
   */
  onSelfTradePrevented(
    restingOrderId: number,
    incomingOrderId: number,
    cancelledLots: number,
    cancelled: 'resting' | 'incoming',
  ): void;
}

/**
 * Incremental L2: after every change of a level's total, `totalLots` is its new total (0 = the
 * level is gone). `seq` rises by one per delta; `depth()` reports the last seq it includes, so a
 * consumer applies the deltas with a greater seq to a full-depth snapshot and gets the book.
 */
export interface DepthListener {
  onDepthDelta(side: Side, priceTicks: number, totalLots: number, seq: number): void;
}

export interface BookOptions {
  /** Default `cancel-resting`. */
  selfTrade?: SelfTradeMode;
  /** Bound on resting orders; a submit that would rest past it gets `BOOK_FULL`. */
  maxRestingOrders?: number;
  /** Pre-size the order storage (avoids growth copies when the size is known). */
  initialCapacity?: number;
  depthListener?: DepthListener;
  /**
   * Default true: the book keeps an orderId → slot index (duplicate ids are refused; `cancel`,
   * `reduce`, `has`, `get`… by id). False: no index (one hash-table miss fewer per submit, cancel
   * and fill, and no table in memory); the caller guarantees unique ids, keeps each resting order's
   * slot (`lastRestedSlot` after the submit that rested it) and uses `cancelAt`/`reduceAt`/`holdsAt`.
   */
  indexById?: boolean;
}

/** A resting order as `get()` and `forEachResting()` report it. */
export interface RestingOrder {
  readonly orderId: number;
  readonly ownerId: number;
  readonly side: Side;
  readonly priceTicks: number;
  /** Remaining (unfilled) quantity. */
  readonly qtyLots: number;
}

export interface LevelView {
  readonly priceTicks: number;
  readonly totalLots: number;
  readonly orderCount: number;
}

/** L2 snapshot: levels best first. `seq` is the last depth delta already included. */
export interface DepthSnapshot {
  readonly seq: number;
  readonly bids: readonly LevelView[];
  readonly asks: readonly LevelView[];
}

/**
 * The whole book as plain JSON-able data. `orders` lists each side best level first and each
 * level in time priority, so restoring it in this order reproduces priority exactly.
 */
export interface BookSnapshot {
  readonly version: 1;
  readonly seq: number;
  readonly orders: readonly RestingOrder[];
}
