/**
 * The order book door (`@tradewind/shared/engine` re-exports it): one instrument's limit order
 * book with price-time priority, the paper venue's matching core.
 *
 * The book knows numbers only: `orderId` and `ownerId` are safe integers the engine assigns,
 * prices are ticks, quantities lots. It matches, rests, cancels and reports; validation of
 * instrument rules, risk, order types beyond limit/market and GTC/IOC/FOK, and all accounting
 * live in the engine on top of it.
 *
 * API in short:
 * - `submit(order, sink)` → a `SubmitOutcome` or a `BOOK_*` rejection (book unchanged). Fills and
 *   self-trade cancellations arrive on `sink` during the call; the taker's unfilled quantity is
 *   `lastRemainingLots` afterwards.
 * - `cancel(orderId)` O(1) → cancelled lots (0 if unknown). `reduce(orderId, newQtyLots)` keeps
 *   time priority (an increase or a price change is a cancel plus a new submit, by design).
 * - `get/has/remainingLots/ownerOf`, `bestBid/bestAsk` (+ allocation-free `bestBidTicks`...),
 *   `depth(levels)` with `seq`, incremental deltas on `BookOptions.depthListener`.
 * - `wouldCross(side, price)`, `fokFillable(order)`: questions asked without changing anything.
 * - `validate()` asserts every internal invariant (tests call it after each step).
 * - `snapshot()` / `restore()` to plain JSON data preserving time priority; `forEachResting`.
 */
export { OrderBook } from './order-book';
export {
  BOOK_REJECT_CODES,
  type BookOptions,
  type BookOrder,
  type BookOrderType,
  type BookRejectCode,
  type BookSnapshot,
  type BookTif,
  DEFAULT_MAX_RESTING_ORDERS,
  type DepthListener,
  type DepthSnapshot,
  type FillSink,
  isBookReject,
  type LevelView,
  MAX_PRICE_TICKS,
  MAX_QTY_LOTS,
  NO_PRICE,
  type RestingOrder,
  type SelfTradeMode,
  type Side,
  type SubmitOutcome,
} from './types';
