import { checkOrder } from '../check-order';
import type { BookOrder, BookRejectCode, FillSink, SelfTradeMode, Side, SubmitOutcome } from '../types';

type NaiveOrder = { orderId: number; ownerId: number; side: Side; priceTicks: number; qtyLots: number; time: number };

const NULL_SINK: FillSink = { onFill() {}, onSelfTradePrevented() {} };

/**
 * The reference book for property tests: one flat array of orders, the best maker found by a
 * full sort every time. Slow and obviously right; the fast book must agree with it on every
 * fill, outcome and level. Shares only the input shape checks (`checkOrder`) with the fast book.
 */
export class NaiveBook {
  orders: NaiveOrder[] = [];
  lastRemainingLots = 0;
  lastFilledLots = 0;
  private time = 0;

  constructor(
    readonly selfTrade: SelfTradeMode = 'cancel-resting',
    readonly maxResting = Number.MAX_SAFE_INTEGER,
  ) {}

  submit(order: BookOrder, sink: FillSink): SubmitOutcome | BookRejectCode {
    this.lastRemainingLots = 0;
    this.lastFilledLots = 0;
    const bad = checkOrder(order);
    if (bad !== undefined) return bad;
    if (this.orders.some((o) => o.orderId === order.orderId)) return 'BOOK_DUPLICATE_ORDER_ID';
    const rests = order.type === 'limit' && order.tif === 'GTC';
    if (rests && this.orders.length >= this.maxResting) return 'BOOK_FULL';
    const level = this.orders.filter((o) => o.side === order.side && o.priceTicks === order.priceTicks);
    if (rests && level.reduce((a, o) => a + o.qtyLots, 0) + order.qtyLots > Number.MAX_SAFE_INTEGER) {
      return 'BOOK_LEVEL_QTY_OVERFLOW';
    }
    if (order.postOnly && this.makers(order).length > 0) {
      this.lastRemainingLots = order.qtyLots;
      return 'post-only-rejected';
    }
    if (order.tif === 'FOK' && !this.wouldFillCompletely(order)) {
      this.lastRemainingLots = order.qtyLots;
      return 'fok-killed';
    }
    const { left, stopped } = this.match(order, sink);
    this.lastRemainingLots = left;
    if (left === 0) return 'filled';
    if (stopped) return 'self-trade-cancelled';
    if (!rests) return 'remainder-cancelled';
    this.orders.push({ ...pick(order), qtyLots: left, time: this.time++ });
    return left === order.qtyLots ? 'rested' : 'partially-filled-rested';
  }

  /** Opposite orders the taker crosses, in priority order: best price, then earliest. */
  private makers(order: BookOrder): NaiveOrder[] {
    const buy = order.side === 'buy';
    const market = order.type === 'market';
    return this.orders
      .filter(
        (o) =>
          o.side !== order.side &&
          (market || (buy ? o.priceTicks <= order.priceTicks : o.priceTicks >= order.priceTicks)),
      )
      .sort((a, b) => (buy ? a.priceTicks - b.priceTicks : b.priceTicks - a.priceTicks) || a.time - b.time);
  }

  private match(order: BookOrder, sink: FillSink): { left: number; stopped: boolean } {
    let left = order.qtyLots;
    for (const m of this.makers(order)) {
      if (left === 0) break;
      if (m.ownerId === order.ownerId && this.selfTrade !== 'none') {
        if (this.selfTrade === 'cancel-incoming') {
          sink.onSelfTradePrevented(m.orderId, order.orderId, left, 'incoming');
          return { left, stopped: true };
        }
        this.orders = this.orders.filter((o) => o !== m);
        sink.onSelfTradePrevented(m.orderId, order.orderId, m.qtyLots, 'resting');
        continue;
      }
      const q = Math.min(left, m.qtyLots);
      m.qtyLots -= q;
      left -= q;
      this.lastFilledLots += q;
      if (m.qtyLots === 0) this.orders = this.orders.filter((o) => o !== m);
      sink.onFill(m.orderId, m.ownerId, order.orderId, m.priceTicks, q, m.qtyLots);
    }
    return { left, stopped: false };
  }

  /** Runs the match on a copy: FOK is "would the real match leave nothing". */
  private wouldFillCompletely(order: BookOrder): boolean {
    const copy = new NaiveBook(this.selfTrade);
    copy.orders = this.orders.map((o) => ({ ...o }));
    return copy.match(order, NULL_SINK).left === 0;
  }

  cancel(orderId: number): number {
    const o = this.orders.find((x) => x.orderId === orderId);
    if (o === undefined) return 0;
    this.orders = this.orders.filter((x) => x !== o);
    return o.qtyLots;
  }

  reduce(orderId: number, newQtyLots: number): 'reduced' | BookRejectCode {
    const o = this.orders.find((x) => x.orderId === orderId);
    if (o === undefined) return 'BOOK_UNKNOWN_ORDER';
    if (!Number.isSafeInteger(newQtyLots) || newQtyLots < 1 || newQtyLots > o.qtyLots) return 'BOOK_INVALID_QTY';
    o.qtyLots = newQtyLots;
    return 'reduced';
  }

  /** Levels best first as [price, total, count]. */
  depth(): { bids: [number, number, number][]; asks: [number, number, number][] } {
    const side = (s: Side) => {
      const m = new Map<number, [number, number, number]>();
      for (const o of this.orders.filter((x) => x.side === s)) {
        const l = m.get(o.priceTicks) ?? [o.priceTicks, 0, 0];
        l[1] += o.qtyLots;
        l[2] += 1;
        m.set(o.priceTicks, l);
      }
      return [...m.values()].sort((a, b) => (s === 'buy' ? b[0] - a[0] : a[0] - b[0]));
    };
    return { bids: side('buy'), asks: side('sell') };
  }

  /** Resting orders in the fast book's `forEachResting` order. */
  resting(): [number, number, Side, number, number][] {
    const sorted = [...this.orders].sort(
      (a, b) =>
        (a.side === b.side ? 0 : a.side === 'buy' ? -1 : 1) ||
        (a.side === 'buy' ? b.priceTicks - a.priceTicks : a.priceTicks - b.priceTicks) ||
        a.time - b.time,
    );
    return sorted.map((o) => [o.orderId, o.ownerId, o.side, o.priceTicks, o.qtyLots]);
  }
}

function pick(o: BookOrder) {
  return { orderId: o.orderId, ownerId: o.ownerId, side: o.side, priceTicks: o.priceTicks };
}
