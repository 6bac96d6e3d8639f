import { assert } from '../../util/index';
import { checkBookInvariants } from './book-invariants';
import { parseSnapshot } from './book-snapshot';
import { checkOrder, isQty } from './check-order';
import { NIL, OrderSlots } from './order-slots';
import { BUY, LevelPool, PriceLadder, SELL } from './price-levels';
import { SafeIntMap } from './safe-int-map';
import {
  type BookOptions,
  type BookOrder,
  type BookRejectCode,
  type BookSnapshot,
  DEFAULT_MAX_RESTING_ORDERS,
  type DepthListener,
  type DepthSnapshot,
  type FillSink,
  type LevelView,
  NO_PRICE,
  type RestingOrder,
  type SelfTradeMode,
  type Side,
  type SubmitOutcome,
} from './types';

const SIDES: readonly Side[] = ['buy', 'sell'];
const STP_NONE = 0;
const STP_CANCEL_RESTING = 1;
const STP_CANCEL_INCOMING = 2;
const STP_CODES: Record<SelfTradeMode, number> = {
  none: STP_NONE,
  'cancel-resting': STP_CANCEL_RESTING,
  'cancel-incoming': STP_CANCEL_INCOMING,
};
/** The "limit" of a market order: crosses every level of the opposite side. */
const MARKET_LIMIT = [Number.MAX_SAFE_INTEGER, 0];

/**
 * One instrument's limit order book with price-time priority: the paper venue's matching core.
 *
 * Storage (see order-slots.ts, price-levels.ts, order-index.ts): orders live in typed arrays by
 * slot, each price level keeps an intrusive FIFO of slots, each side keeps its levels sorted with
 * the best last, and an open-addressing table maps orderId → slot. So: cancel is O(1), the best
 * price is O(1), finding a level is O(log levels), and nothing on the hot path allocates.
 *
 * Not re-entrant: sinks and listeners must not call back into the book.
 */
export class OrderBook {
  private readonly slots: OrderSlots;
  private readonly levels: LevelPool;
  private readonly ladders: readonly [PriceLadder, PriceLadder];
  /** orderId → slot; null when built with `indexById: false` (the caller keeps the slots). */
  private readonly index: SafeIntMap | null;
  /** Slot of the order the last submit rested (NIL: it rested nothing). */
  private restedSlot = NIL;
  private readonly stp: number;
  private readonly maxResting: number;
  private readonly listener: DepthListener | undefined;
  private depthSeq = 0;
  private filled = 0;
  private remaining = 0;
  /** Set by matching when `cancel-incoming` self-trade prevention ended the submit. */
  private stpStopped = false;

  constructor(options: BookOptions = {}) {
    const mode = options.selfTrade ?? 'cancel-resting';
    assert(mode in STP_CODES, `order book: unknown self-trade mode ${String(mode)}`);
    this.stp = STP_CODES[mode];
    this.maxResting = options.maxRestingOrders ?? DEFAULT_MAX_RESTING_ORDERS;
    assert(Number.isSafeInteger(this.maxResting) && this.maxResting >= 1, 'order book: maxRestingOrders ≥ 1');
    const capacity = Math.min(options.initialCapacity ?? 1024, this.maxResting);
    this.slots = new OrderSlots(capacity);
    this.index = options.indexById === false ? null : new SafeIntMap(capacity);
    this.levels = new LevelPool();
    this.ladders = [new PriceLadder(BUY), new PriceLadder(SELL)];
    this.listener = options.depthListener;
  }

  /** Unfilled quantity of the taker after the last `submit` (0 after a `BOOK_*` rejection). */
  get lastRemainingLots(): number {
    return this.remaining;
  }
  /** Slot of the order the last `submit` rested (NIL when it rested nothing): the handle for `cancelAt`. */
  get lastRestedSlot(): number {
    return this.restedSlot;
  }
  /** Quantity the taker traded in the last `submit`. */
  get lastFilledLots(): number {
    return this.filled;
  }
  /** Number of resting orders. */
  get size(): number {
    return this.slots.size;
  }
  /** Seq of the last depth delta (0 before any); `depth()` snapshots carry it. */
  get seq(): number {
    return this.depthSeq;
  }

  /**
   * Matches `order` against the opposite side by price-time priority (each fill at the maker's
   * price), then rests a GTC limit remainder. Fills and self-trade cancellations go to `sink`
   * during the call. A `BOOK_*` result means bad input and an unchanged book.
   */
  submit(order: BookOrder, sink: FillSink): SubmitOutcome | BookRejectCode {
    this.filled = 0;
    this.remaining = 0;
    this.restedSlot = NIL;
    const bad = checkOrder(order);
    if (bad !== undefined) return bad;
    if (this.index !== null && this.index.get(order.orderId) !== NIL) return 'BOOK_DUPLICATE_ORDER_ID';
    const s = order.side === 'buy' ? BUY : SELL;
    const limit = order.type === 'market' ? (MARKET_LIMIT[s] as number) : order.priceTicks;
    const qty = order.qtyLots;
    const rests = order.type === 'limit' && order.tif === 'GTC';
    if (rests) {
      const full = this.roomToRest(s, limit, qty);
      if (full !== undefined) return full;
    }
    if (order.postOnly && this.crosses(s, limit)) {
      this.remaining = qty;
      return 'post-only-rejected';
    }
    if (order.tif === 'FOK' && !this.fillable(s, limit, qty, order.ownerId)) {
      this.remaining = qty;
      return 'fok-killed';
    }
    const left = this.match(s, limit, order.orderId, order.ownerId, qty, sink);
    this.remaining = left;
    if (left === 0) return 'filled';
    if (this.stpStopped) return 'self-trade-cancelled';
    if (!rests) return 'remainder-cancelled';
    // Matching only removes liquidity, so resting is the one step that could cross the book:
    // after it, the new order must not reach the opposite best (O(1); validate() checks it all).
    assert(!this.crosses(s, limit), 'order book: crossed at rest after matching');
    this.rest(s, limit, order.orderId, order.ownerId, left, true);
    return left === qty ? 'rested' : 'partially-filled-rested';
  }

  /** Whether a GTC limit could rest: the book's bound and the level total's exactness. */
  private roomToRest(s: number, price: number, qty: number): BookRejectCode | undefined {
    if (this.slots.size >= this.maxResting) return 'BOOK_FULL';
    const l = (this.ladders[s] as PriceLadder).find(price);
    if (l !== NIL && (this.levels.totalLots[l] as number) + qty > Number.MAX_SAFE_INTEGER) {
      return 'BOOK_LEVEL_QTY_OVERFLOW';
    }
    return undefined;
  }

  private crosses(s: number, limit: number): boolean {
    const l = (this.ladders[1 - s] as PriceLadder).best();
    if (l === NIL) return false;
    const p = this.levels.priceTicks[l] as number;
    return s === BUY ? p <= limit : p >= limit;
  }

  private match(s: number, limit: number, takerId: number, takerOwner: number, qty: number, sink: FillSink): number {
    const opposite = this.ladders[1 - s] as PriceLadder;
    const prices = this.levels.priceTicks;
    let left = qty;
    this.stpStopped = false;
    while (left > 0) {
      const l = opposite.best();
      if (l === NIL) break;
      const p = prices[l] as number;
      if (s === BUY ? p > limit : p < limit) break;
      const before = this.levels.totalLots[l] as number;
      left = this.matchLevel(l, p, takerId, takerOwner, left, sink);
      if (this.levels.totalLots[l] !== before) this.levelChanged(l);
      if (this.stpStopped) break;
    }
    return left;
  }

  /** Walks one level's FIFO; returns the taker's quantity left. */
  private matchLevel(l: number, p: number, takerId: number, takerOwner: number, qty: number, sink: FillSink): number {
    const slots = this.slots;
    let left = qty;
    let o = this.levels.head[l] as number;
    while (o !== NIL && left > 0) {
      const next = slots.next(o);
      const makerId = slots.orderId(o);
      const makerOwner = slots.ownerId(o);
      const makerQty = slots.qtyLots(o);
      if (makerOwner === takerOwner && this.stp !== STP_NONE) {
        if (this.stp === STP_CANCEL_INCOMING) {
          this.stpStopped = true;
          sink.onSelfTradePrevented(makerId, takerId, left, 'incoming');
          return left;
        }
        this.removeResting(o, makerId);
        sink.onSelfTradePrevented(makerId, takerId, makerQty, 'resting');
      } else {
        const q = Math.min(makerQty, left);
        const rem = makerQty - q;
        left -= q;
        this.filled += q;
        if (rem === 0) this.removeResting(o, makerId);
        else {
          slots.setQtyLots(o, rem);
          this.levels.totalLots[l] = (this.levels.totalLots[l] as number) - q;
        }
        sink.onFill(makerId, makerOwner, takerId, p, q, rem);
      }
      o = next;
    }
    return left;
  }

  /** Unlinks slot `o` from its level and forgets it; the caller reports the level change. */
  private removeResting(o: number, orderId: number): void {
    if (this.index !== null && this.index.remove(orderId) !== o) assert(false, 'order book: index and slot disagree');
    this.unlink(o);
  }

  /** Unlinks slot `o` from its level's FIFO and totals and frees it (the index is the caller's). */
  private unlink(o: number): void {
    const slots = this.slots;
    const lv = this.levels;
    const l = slots.level(o);
    const prev = slots.prev(o);
    const next = slots.next(o);
    if (prev === NIL) lv.head[l] = next;
    else slots.setNext(prev, next);
    if (next === NIL) lv.tail[l] = prev;
    else slots.setPrev(next, prev);
    lv.totalLots[l] = (lv.totalLots[l] as number) - slots.qtyLots(o);
    lv.orderCount[l] = (lv.orderCount[l] as number) - 1;
    slots.free(o);
  }

  /** Emits the level's depth delta and drops the level once it is empty. */
  private levelChanged(l: number): void {
    const lv = this.levels;
    const side = lv.side[l] as number;
    const price = lv.priceTicks[l] as number;
    this.depthSeq++;
    if (this.listener !== undefined) {
      this.listener.onDepthDelta(SIDES[side] as Side, price, lv.totalLots[l] as number, this.depthSeq);
    }
    if (lv.orderCount[l] === 0) {
      (this.ladders[side] as PriceLadder).remove(price);
      lv.free(l);
    }
  }

  private rest(s: number, price: number, orderId: number, ownerId: number, qty: number, emit: boolean): void {
    const ladder = this.ladders[s] as PriceLadder;
    const lv = this.levels;
    let l = ladder.find(price);
    if (l === NIL) {
      l = lv.alloc(s, price);
      ladder.insert(price, l);
    }
    const o = this.slots.alloc(orderId, ownerId, qty, l);
    const tail = lv.tail[l] as number;
    this.slots.setPrev(o, tail);
    if (tail === NIL) lv.head[l] = o;
    else this.slots.setNext(tail, o);
    lv.tail[l] = o;
    lv.totalLots[l] = (lv.totalLots[l] as number) + qty;
    lv.orderCount[l] = (lv.orderCount[l] as number) + 1;
    if (this.index !== null) this.index.insert(orderId, o);
    this.restedSlot = o;
    if (emit) this.levelChanged(l);
  }

  private assertNotCrossed(): void {
    const bid = this.bestBidTicks();
    const ask = this.bestAskTicks();
    assert(bid === NO_PRICE || ask === NO_PRICE || bid < ask, 'order book: crossed at rest after matching');
  }

  /** Cancels a resting order in O(1); returns its cancelled remaining lots (0 if unknown). */
  cancel(orderId: number): number {
    const o = this.indexed().remove(orderId);
    if (o === NIL) return 0;
    assert(this.slots.orderId(o) === orderId, 'order book: index and slot disagree');
    return this.cancelSlot(o);
  }

  /** `cancel` of the order resting at `slot` (a book without an id index); 0 if it does not hold `orderId`. */
  cancelAt(slot: number, orderId: number): number {
    if (!this.holdsAt(slot, orderId)) return 0;
    if (this.index !== null) this.index.remove(orderId);
    return this.cancelSlot(slot);
  }

  /** Whether `slot` holds the resting order `orderId`. */
  holdsAt(slot: number, orderId: number): boolean {
    return (
      slot >= 0 && slot < this.slots.capacity && this.slots.level(slot) !== NIL && this.slots.orderId(slot) === orderId
    );
  }

  private indexed(): SafeIntMap {
    if (this.index === null) assert(false, 'order book: built without an id index (use the slot methods)');
    return this.index as SafeIntMap;
  }

  private cancelSlot(o: number): number {
    const qty = this.slots.qtyLots(o);
    const l = this.slots.level(o);
    this.unlink(o);
    this.levelChanged(l);
    return qty;
  }

  /**
   * Lowers a resting order's remaining quantity to `newQtyLots` (1..current) in place: it keeps
   * its time priority. An increase is a new order (cancel + submit) and gets `BOOK_INVALID_QTY`.
   */
  reduce(orderId: number, newQtyLots: number): 'reduced' | BookRejectCode {
    const o = this.indexed().get(orderId);
    if (o === NIL) return 'BOOK_UNKNOWN_ORDER';
    return this.reduceSlot(o, newQtyLots);
  }

  /** `reduce` of the order resting at `slot` (a book without an id index). */
  reduceAt(slot: number, orderId: number, newQtyLots: number): 'reduced' | BookRejectCode {
    if (!this.holdsAt(slot, orderId)) return 'BOOK_UNKNOWN_ORDER';
    return this.reduceSlot(slot, newQtyLots);
  }

  private reduceSlot(o: number, newQtyLots: number): 'reduced' | BookRejectCode {
    const qty = this.slots.qtyLots(o);
    if (!isQty(newQtyLots) || newQtyLots > qty) return 'BOOK_INVALID_QTY';
    if (newQtyLots === qty) return 'reduced';
    const l = this.slots.level(o);
    this.slots.setQtyLots(o, newQtyLots);
    this.levels.totalLots[l] = (this.levels.totalLots[l] as number) - (qty - newQtyLots);
    this.levelChanged(l);
    return 'reduced';
  }

  has(orderId: number): boolean {
    return this.indexed().get(orderId) !== NIL;
  }
  /** Remaining lots of a resting order, 0 if unknown. */
  remainingLots(orderId: number): number {
    const o = this.indexed().get(orderId);
    return o === NIL ? 0 : this.slots.qtyLots(o);
  }
  /** Owner of a resting order, -1 if unknown. */
  ownerOf(orderId: number): number {
    const o = this.indexed().get(orderId);
    return o === NIL ? -1 : this.slots.ownerId(o);
  }

  get(orderId: number): RestingOrder | undefined {
    const o = this.indexed().get(orderId);
    if (o === NIL) return undefined;
    const l = this.slots.level(o);
    return {
      orderId,
      ownerId: this.slots.ownerId(o),
      side: SIDES[this.levels.side[l] as number] as Side,
      priceTicks: this.levels.priceTicks[l] as number,
      qtyLots: this.slots.qtyLots(o),
    };
  }

  private bestTicks(s: number): number {
    const l = (this.ladders[s] as PriceLadder).best();
    return l === NIL ? NO_PRICE : (this.levels.priceTicks[l] as number);
  }
  /** Best bid in ticks, `NO_PRICE` (0) when there is none. Allocation-free. */
  bestBidTicks(): number {
    return this.bestTicks(BUY);
  }
  /** Best ask in ticks, `NO_PRICE` (0) when there is none. Allocation-free. */
  bestAskTicks(): number {
    return this.bestTicks(SELL);
  }
  bestBid(): LevelView | undefined {
    return this.levelView(this.ladders[BUY].best());
  }
  bestAsk(): LevelView | undefined {
    return this.levelView(this.ladders[SELL].best());
  }
  levelCount(side: Side): number {
    return this.ladders[side === 'buy' ? BUY : SELL].length;
  }

  private levelView(l: number): LevelView | undefined {
    if (l === NIL) return undefined;
    const lv = this.levels;
    return {
      priceTicks: lv.priceTicks[l] as number,
      totalLots: lv.totalLots[l] as number,
      orderCount: lv.orderCount[l] as number,
    };
  }

  /** L2 snapshot of up to `levels` levels per side, best first, with the seq it includes. */
  depth(levels = Number.POSITIVE_INFINITY): DepthSnapshot {
    const side = (s: number): LevelView[] => {
      const ladder = this.ladders[s] as PriceLadder;
      const out: LevelView[] = [];
      const n = Math.min(ladder.length, Math.max(0, levels));
      for (let rank = 0; rank < n; rank++) out.push(this.levelView(ladder.at(rank)) as LevelView);
      return out;
    };
    return { seq: this.depthSeq, bids: side(BUY), asks: side(SELL) };
  }

  /** Whether a limit order at `priceTicks` on `side` would take liquidity now. */
  wouldCross(side: Side, priceTicks: number): boolean {
    return this.crosses(side === 'buy' ? BUY : SELL, priceTicks);
  }

  /**
   * Whether `order` (limit or market) could fill completely right now, counting self-trade
   * prevention as matching would apply it. Invalid orders are not fillable.
   */
  fokFillable(order: BookOrder): boolean {
    if (checkOrder(order) !== undefined) return false;
    const s = order.side === 'buy' ? BUY : SELL;
    const limit = order.type === 'market' ? (MARKET_LIMIT[s] as number) : order.priceTicks;
    return this.fillable(s, limit, order.qtyLots, order.ownerId);
  }

  private fillable(s: number, limit: number, qty: number, owner: number): boolean {
    const opposite = this.ladders[1 - s] as PriceLadder;
    const lv = this.levels;
    const slots = this.slots;
    let need = qty;
    for (let rank = 0; rank < opposite.length; rank++) {
      const l = opposite.at(rank);
      const p = lv.priceTicks[l] as number;
      if (s === BUY ? p > limit : p < limit) return false;
      if (this.stp === STP_NONE) {
        need -= lv.totalLots[l] as number;
        if (need <= 0) return true;
        continue;
      }
      for (let o = lv.head[l] as number; o !== NIL; o = slots.next(o)) {
        if (slots.ownerId(o) === owner) {
          if (this.stp === STP_CANCEL_INCOMING) return false;
          continue;
        }
        need -= slots.qtyLots(o);
        if (need <= 0) return true;
      }
    }
    return false;
  }

  /** Visits resting orders: bids best level first, then asks best first; FIFO within a level. */
  forEachResting(
    fn: (orderId: number, ownerId: number, side: Side, priceTicks: number, qtyLots: number) => void,
  ): void {
    const slots = this.slots;
    const lv = this.levels;
    for (const s of [BUY, SELL]) {
      const ladder = this.ladders[s] as PriceLadder;
      for (let rank = 0; rank < ladder.length; rank++) {
        const l = ladder.at(rank);
        for (let o = lv.head[l] as number; o !== NIL; o = slots.next(o)) {
          fn(slots.orderId(o), slots.ownerId(o), SIDES[s] as Side, lv.priceTicks[l] as number, slots.qtyLots(o));
        }
      }
    }
  }

  /** Visits every resting order's id and slot (for a caller that keeps slots: `indexById: false`). */
  forEachSlot(fn: (orderId: number, slot: number) => void): void {
    const slots = this.slots;
    const lv = this.levels;
    for (const s of [BUY, SELL]) {
      const ladder = this.ladders[s] as PriceLadder;
      for (let rank = 0; rank < ladder.length; rank++)
        for (let o = lv.head[ladder.at(rank)] as number; o !== NIL; o = slots.next(o)) fn(slots.orderId(o), o);
    }
  }

  /** Asserts every internal invariant; throws `AssertionError` on the first broken one (a bug). */
  validate(): void {
    checkBookInvariants(this.slots, this.levels, this.ladders, this.index);
    this.assertNotCrossed();
  }

  /** The whole book as plain data (see `BookSnapshot`); `restore` of it rebuilds this book exactly. */
  snapshot(): BookSnapshot {
    const orders: RestingOrder[] = [];
    this.forEachResting((orderId, ownerId, side, priceTicks, qtyLots) => {
      orders.push({ orderId, ownerId, side, priceTicks, qtyLots });
    });
    return { version: 1, seq: this.depthSeq, orders };
  }

  /**
   * Replaces the whole content with `snapshot` and continues its depth seq. Emits no depth
   * deltas: L2 consumers take a fresh `depth()` afterwards. On `BOOK_INVALID_SNAPSHOT` nothing
   * changed.
   */
  restore(snapshot: BookSnapshot): 'restored' | 'BOOK_INVALID_SNAPSHOT' {
    const parsed = parseSnapshot(snapshot, this.maxResting);
    if (parsed === undefined) return 'BOOK_INVALID_SNAPSHOT';
    this.slots.clear();
    this.levels.clear();
    this.ladders[BUY].clear();
    this.ladders[SELL].clear();
    this.index?.clear();
    for (const o of parsed.orders) {
      this.rest(o.side === 'buy' ? BUY : SELL, o.priceTicks, o.orderId, o.ownerId, o.qtyLots, false);
    }
    this.depthSeq = parsed.seq;
    this.validate();
    return 'restored';
  }
}
