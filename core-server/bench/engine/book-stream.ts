import { type BookOrder, type FillSink, OrderBook } from '@tradewind/shared/engine';
import { prng } from './bench-kit';

export const OP_LIMIT = 0;
export const OP_CANCEL = 1;
export const OP_MARKET = 2;
export const MID_TICKS = 1_000_000;
/** Passive orders land within this many ticks of the mid on each side: ~1,000 levels in all. */
const HALF_SPREAD_LEVELS = 500;

/**
 * One deterministic stream of book operations, as flat arrays so that replaying it allocates
 * nothing. `idText` holds the same ids as strings, prepared up front for the peers, whose ids are
 * strings: converting inside the timed loop would charge them for our stream format.
 */
export type BookStream = {
  readonly length: number;
  readonly kind: Uint8Array;
  /** 0 = buy, 1 = sell. */
  readonly side: Uint8Array;
  readonly priceTicks: Float64Array;
  readonly qtyLots: Float64Array;
  /** New order id (limit) or the id to cancel. */
  readonly orderId: Float64Array;
  readonly idText: string[];
};

/** Liveness of generated orders, kept by replaying the stream through our book as it is made. */
class LiveSet implements FillSink {
  private readonly ids: number[] = [];
  private readonly pos = new Map<number, number>();

  get size(): number {
    return this.ids.length;
  }
  add(id: number): void {
    this.pos.set(id, this.ids.length);
    this.ids.push(id);
  }
  remove(id: number): void {
    const i = this.pos.get(id);
    if (i === undefined) return;
    const last = this.ids.pop() as number;
    if (last !== id) {
      this.ids[i] = last;
      this.pos.set(last, i);
    }
    this.pos.delete(id);
  }
  pick(r: number): number {
    return this.ids[Math.floor(r * this.ids.length)] as number;
  }
  onFill(maker: number, _owner: number, _taker: number, _price: number, _qty: number, makerLeft: number): void {
    if (makerLeft === 0) this.remove(maker);
  }
  onSelfTradePrevented(): void {}
}

/**
 * ~60% limit orders (95% passive within ±500 ticks of a fixed mid, denser near it; 5% marketable,
 * up to 20 ticks through), 25% cancels of orders live at that moment, 15% market orders. Limit and
 * market orders draw sizes from the same 1..100 lots, so the book deepens as the stream runs
 * (about 160k resting orders after 1M operations): a venue's book, where cancels land in long
 * levels. Cancel targets are known live because the generator replays the stream through our book.
 */
export function makeBookStream(length: number, seed: number): BookStream {
  const rnd = prng(seed);
  const s: BookStream = {
    length,
    kind: new Uint8Array(length),
    side: new Uint8Array(length),
    priceTicks: new Float64Array(length),
    qtyLots: new Float64Array(length),
    orderId: new Float64Array(length),
    idText: new Array<string>(length).fill(''),
  };
  const book = new OrderBook({ selfTrade: 'none' });
  const live = new LiveSet();
  const order: BookOrder = {
    orderId: 0,
    ownerId: 0,
    side: 'buy',
    type: 'limit',
    priceTicks: 0,
    qtyLots: 0,
    tif: 'GTC',
    postOnly: false,
  };
  let nextId = 1;
  for (let i = 0; i < length; i++) {
    const r = rnd();
    if (r < 0.25 && live.size > 0) {
      const id = live.pick(rnd());
      s.kind[i] = OP_CANCEL;
      s.orderId[i] = id;
      s.idText[i] = String(id);
      book.cancel(id);
      live.remove(id);
      continue;
    }
    const buy = rnd() < 0.5;
    s.side[i] = buy ? 0 : 1;
    order.side = buy ? 'buy' : 'sell';
    if (r < 0.4) {
      s.kind[i] = OP_MARKET;
      s.qtyLots[i] = 1 + Math.floor(rnd() * 100);
      Object.assign(order, { type: 'market', qtyLots: s.qtyLots[i], orderId: 0, priceTicks: 0 });
      book.submit(order, live);
      continue;
    }
    const id = nextId++;
    const aggressive = rnd() < 0.05;
    const offset = aggressive ? -Math.floor(rnd() * 20) : 1 + Math.floor(rnd() ** 2 * HALF_SPREAD_LEVELS);
    s.kind[i] = OP_LIMIT;
    s.priceTicks[i] = buy ? MID_TICKS - offset : MID_TICKS + offset;
    s.qtyLots[i] = 1 + Math.floor(rnd() * 100);
    s.orderId[i] = id;
    s.idText[i] = String(id);
    Object.assign(order, { type: 'limit', qtyLots: s.qtyLots[i], orderId: id, priceTicks: s.priceTicks[i] });
    book.submit(order, live);
    if (book.has(id)) live.add(id);
  }
  return s;
}
