import { describe, expect, it } from 'vitest';
import { OrderBook } from './order-book';
import { L2Mirror, RecordingSink } from './testing/recording-sink';
import { type BookOptions, type BookOrder, NO_PRICE } from './types';

let nextId = 1;
function order(o: Partial<BookOrder>): BookOrder {
  return {
    orderId: nextId++,
    ownerId: 1,
    side: 'buy',
    type: 'limit',
    priceTicks: 100,
    qtyLots: 10,
    tif: 'GTC',
    postOnly: false,
    ...o,
  };
}
const buy = (priceTicks: number, qtyLots: number, o: Partial<BookOrder> = {}) =>
  order({ side: 'buy', priceTicks, qtyLots, ...o });
const sell = (priceTicks: number, qtyLots: number, o: Partial<BookOrder> = {}) =>
  order({ side: 'sell', priceTicks, qtyLots, ...o });

/** A book plus a recording sink, validated after every call made through it. */
function setup(options: BookOptions = {}) {
  const book = new OrderBook(options);
  const sink = new RecordingSink();
  const submit = (o: BookOrder) => {
    const outcome = book.submit(o, sink);
    book.validate();
    return outcome;
  };
  const levels = () => {
    const d = book.depth();
    return {
      bids: d.bids.map((l) => [l.priceTicks, l.totalLots]),
      asks: d.asks.map((l) => [l.priceTicks, l.totalLots]),
    };
  };
  return { book, sink, submit, levels };
}

describe('matching', () => {
  it('fills the better price first, then the earlier order at the same price', () => {
    const { submit, sink } = setup();
    const a = sell(101, 5, { ownerId: 2 });
    const b = sell(100, 5, { ownerId: 3 });
    const c = sell(100, 5, { ownerId: 4 });
    for (const o of [a, b, c]) submit(o);
    const t = buy(101, 12);
    expect(submit(t)).toBe('filled');
    expect(sink.take()).toEqual([
      ['fill', b.orderId, 3, t.orderId, 100, 5, 0],
      ['fill', c.orderId, 4, t.orderId, 100, 5, 0],
      ['fill', a.orderId, 2, t.orderId, 101, 2, 3],
    ]);
  });

  it('trades at the resting order price, not the taker limit', () => {
    const { submit, sink } = setup();
    submit(sell(100, 5, { ownerId: 2 }));
    submit(buy(105, 5));
    expect(sink.take()[0]?.[4]).toBe(100);
  });

  it('rests the remainder of a partially filled GTC limit at its limit price', () => {
    const { book, submit, levels } = setup();
    submit(sell(100, 4, { ownerId: 2 }));
    expect(submit(buy(101, 10))).toBe('partially-filled-rested');
    expect(book.lastFilledLots).toBe(4);
    expect(book.lastRemainingLots).toBe(6);
    expect(levels()).toEqual({ bids: [[101, 6]], asks: [] });
  });

  it('IOC remainder is cancelled, never rests', () => {
    const { book, submit, levels } = setup();
    submit(sell(100, 4, { ownerId: 2 }));
    expect(submit(buy(100, 10, { tif: 'IOC' }))).toBe('remainder-cancelled');
    expect(book.lastRemainingLots).toBe(6);
    expect(levels()).toEqual({ bids: [], asks: [] });
  });

  it('a market order sweeps levels and never rests, even on an empty side', () => {
    const { book, submit, levels } = setup();
    submit(sell(100, 3, { ownerId: 2 }));
    submit(sell(150, 3, { ownerId: 2 }));
    expect(submit(order({ type: 'market', qtyLots: 10, priceTicks: 0 }))).toBe('remainder-cancelled');
    expect([book.lastFilledLots, book.lastRemainingLots]).toEqual([6, 4]);
    expect(levels()).toEqual({ bids: [], asks: [] });
    expect(submit(order({ side: 'sell', type: 'market', qtyLots: 1 }))).toBe('remainder-cancelled');
    expect(book.size).toBe(0);
  });

  it('FOK that cannot fill changes nothing', () => {
    const { book, sink, submit } = setup();
    submit(sell(100, 3, { ownerId: 2 }));
    submit(sell(101, 3, { ownerId: 2 }));
    const before = JSON.stringify([book.snapshot(), book.seq]);
    expect(submit(buy(101, 7, { tif: 'FOK' }))).toBe('fok-killed');
    expect(book.lastRemainingLots).toBe(7);
    expect(JSON.stringify([book.snapshot(), book.seq])).toBe(before);
    expect(sink.take()).toEqual([]);
    expect(submit(buy(101, 6, { tif: 'FOK' }))).toBe('filled');
  });

  it('post-only that would take is rejected and changes nothing; one that does not rests', () => {
    const { book, submit } = setup();
    submit(sell(100, 3, { ownerId: 2 }));
    const seq = book.seq;
    expect(submit(buy(100, 1, { postOnly: true }))).toBe('post-only-rejected');
    expect(book.seq).toBe(seq);
    expect(submit(buy(99, 1, { postOnly: true }))).toBe('rested');
    expect(submit(buy(98, 1, { postOnly: true, tif: 'IOC' }))).toBe('BOOK_INVALID_POST_ONLY');
    expect(submit(order({ type: 'market', postOnly: true }))).toBe('BOOK_INVALID_POST_ONLY');
  });

  it('never leaves the book crossed: wouldCross and best prices agree', () => {
    const { book, submit } = setup();
    expect([book.bestBidTicks(), book.bestAskTicks()]).toEqual([NO_PRICE, NO_PRICE]);
    submit(buy(99, 2));
    submit(sell(101, 3, { ownerId: 2 }));
    expect(book.bestBid()).toEqual({ priceTicks: 99, totalLots: 2, orderCount: 1 });
    expect(book.bestAsk()).toEqual({ priceTicks: 101, totalLots: 3, orderCount: 1 });
    expect([book.wouldCross('buy', 100), book.wouldCross('buy', 101), book.wouldCross('sell', 99)]).toEqual([
      false,
      true,
      true,
    ]);
  });
});

describe('cancel and reduce', () => {
  it('cancel returns the remaining quantity, then 0 for an order no longer there', () => {
    const { book, submit } = setup();
    const o = buy(99, 10);
    submit(o);
    submit(sell(99, 4, { ownerId: 2 }));
    expect(book.cancel(o.orderId)).toBe(6);
    expect(book.cancel(o.orderId)).toBe(0);
    expect(book.cancel(123456789)).toBe(0);
    book.validate();
  });

  it('a quantity decrease keeps priority', () => {
    const { book, submit, sink } = setup();
    const first = buy(99, 10, { ownerId: 2 });
    const second = buy(99, 10, { ownerId: 3 });
    submit(first);
    submit(second);
    expect(book.reduce(first.orderId, 4)).toBe('reduced');
    book.validate();
    const t = sell(99, 5);
    submit(t);
    expect(sink.take()).toEqual([
      ['fill', first.orderId, 2, t.orderId, 99, 4, 0],
      ['fill', second.orderId, 3, t.orderId, 99, 1, 9],
    ]);
  });

  it('reduce refuses increases, zero and unknown orders without changing anything', () => {
    const { book, submit } = setup();
    const o = buy(99, 10);
    submit(o);
    const seq = book.seq;
    expect(book.reduce(o.orderId, 11)).toBe('BOOK_INVALID_QTY');
    expect(book.reduce(o.orderId, 0)).toBe('BOOK_INVALID_QTY');
    expect(book.reduce(o.orderId, Number.NaN)).toBe('BOOK_INVALID_QTY');
    expect(book.reduce(987654321, 1)).toBe('BOOK_UNKNOWN_ORDER');
    expect(book.reduce(o.orderId, 10)).toBe('reduced');
    expect([book.seq, book.remainingLots(o.orderId)]).toEqual([seq, 10]);
  });

  it('get, ownerOf and remainingLots describe resting orders and nothing else', () => {
    const { book, submit } = setup();
    const o = sell(120, 7, { ownerId: 42 });
    submit(o);
    expect(book.get(o.orderId)).toEqual({ orderId: o.orderId, ownerId: 42, side: 'sell', priceTicks: 120, qtyLots: 7 });
    expect([book.ownerOf(o.orderId), book.remainingLots(o.orderId), book.has(o.orderId)]).toEqual([42, 7, true]);
    expect([book.get(-5), book.ownerOf(-5), book.remainingLots(-5), book.has(-5)]).toEqual([undefined, -1, 0, false]);
  });
});

describe('self-trade prevention', () => {
  it('cancel-resting cancels the own resting order and keeps matching behind it', () => {
    const { book, submit, sink } = setup({ selfTrade: 'cancel-resting' });
    const own = sell(100, 5, { ownerId: 1 });
    const other = sell(100, 5, { ownerId: 2 });
    submit(own);
    submit(other);
    const t = buy(100, 5, { ownerId: 1 });
    expect(submit(t)).toBe('filled');
    expect(sink.take()).toEqual([
      ['stp', own.orderId, t.orderId, 5, 'resting'],
      ['fill', other.orderId, 2, t.orderId, 100, 5, 0],
    ]);
    expect(book.has(own.orderId)).toBe(false);
  });

  it('cancel-incoming keeps fills made before the own order and cancels the rest', () => {
    const { book, submit, sink } = setup({ selfTrade: 'cancel-incoming' });
    const other = sell(100, 3, { ownerId: 2 });
    const own = sell(100, 5, { ownerId: 1 });
    submit(other);
    submit(own);
    const t = buy(100, 10, { ownerId: 1 });
    expect(submit(t)).toBe('self-trade-cancelled');
    expect(sink.take()).toEqual([
      ['fill', other.orderId, 2, t.orderId, 100, 3, 0],
      ['stp', own.orderId, t.orderId, 7, 'incoming'],
    ]);
    expect([book.lastFilledLots, book.lastRemainingLots, book.remainingLots(own.orderId), book.has(t.orderId)]).toEqual(
      [3, 7, 5, false],
    );
  });

  it('FOK counts only what self-trade prevention lets it take', () => {
    const { book, submit } = setup({ selfTrade: 'cancel-incoming' });
    submit(sell(100, 5, { ownerId: 1 }));
    submit(sell(100, 5, { ownerId: 2 }));
    const fok = buy(100, 5, { ownerId: 1, tif: 'FOK' });
    expect(book.fokFillable(fok)).toBe(false);
    expect(submit(fok)).toBe('fok-killed');
    expect(book.fokFillable({ ...fok, ownerId: 3 })).toBe(true);
  });

  it('none lets an owner trade with itself', () => {
    const { submit, sink } = setup({ selfTrade: 'none' });
    const own = sell(100, 5, { ownerId: 1 });
    submit(own);
    const t = buy(100, 5, { ownerId: 1 });
    expect(submit(t)).toBe('filled');
    expect(sink.take()).toEqual([['fill', own.orderId, 1, t.orderId, 100, 5, 0]]);
  });
});

describe('market data', () => {
  it('depth lists levels best first, truncated, with the seq it includes', () => {
    const { book, submit } = setup();
    for (const p of [97, 99, 98]) submit(buy(p, p - 90));
    submit(sell(103, 1, { ownerId: 2 }));
    submit(sell(101, 2, { ownerId: 2 }));
    const d = book.depth(2);
    expect(d.bids.map((l) => l.priceTicks)).toEqual([99, 98]);
    expect(d.asks.map((l) => l.priceTicks)).toEqual([101, 103]);
    expect(d.seq).toBe(5);
    expect(book.depth(0).bids).toEqual([]);
    expect([book.levelCount('buy'), book.levelCount('sell')]).toEqual([3, 2]);
  });

  it('L2 deltas applied to a snapshot reproduce the book', () => {
    const log: Parameters<L2Mirror['onDepthDelta']>[] = [];
    const { book, submit, levels } = setup({ depthListener: { onDepthDelta: (...d) => log.push(d) } });
    submit(buy(99, 5));
    submit(sell(102, 5, { ownerId: 2 }));
    const snap = JSON.parse(JSON.stringify(book.depth())) as ReturnType<OrderBook['depth']>;
    const o = buy(98, 3);
    submit(o);
    submit(sell(98, 6, { ownerId: 3 }));
    submit(buy(103, 4, { ownerId: 4 }));
    book.reduce(o.orderId, 1);
    book.cancel(o.orderId);
    // A late subscriber: the snapshot, then every logged delta (those it already holds are skipped).
    const late = new L2Mirror();
    late.load(snap.seq, snap.bids, snap.asks);
    for (const d of log) late.onDepthDelta(...d);
    expect(late.seq).toBe(book.seq);
    expect(late.levels()).toEqual(levels());
    expect(levels()).toEqual({ bids: [], asks: [[102, 1]] });
  });

  it('a level change emits exactly one delta per level per operation, seq rising by one', () => {
    const seen: [string, number, number, number][] = [];
    const { submit } = setup({ depthListener: { onDepthDelta: (s, p, t, q) => seen.push([s, p, t, q]) } });
    submit(sell(100, 2, { ownerId: 2 }));
    submit(sell(100, 2, { ownerId: 3 }));
    submit(sell(101, 2, { ownerId: 3 }));
    submit(buy(101, 5));
    expect(seen).toEqual([
      ['sell', 100, 2, 1],
      ['sell', 100, 4, 2],
      ['sell', 101, 2, 3],
      ['sell', 100, 0, 4],
      ['sell', 101, 1, 5],
    ]);
  });
});
