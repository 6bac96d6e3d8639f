import { describe, expect, it } from 'vitest';
import { AssertionError } from '../../util/index';
import { OrderBook } from './order-book';
import { RecordingSink } from './testing/recording-sink';
import { type BookOrder, type BookSnapshot, MAX_PRICE_TICKS, MAX_QTY_LOTS } from './types';

/** Bad input gets a BOOK_* code and changes nothing; limits hold at the limit and one past it. */

const sink = new RecordingSink();
const base: BookOrder = {
  orderId: 1,
  ownerId: 1,
  side: 'buy',
  type: 'limit',
  priceTicks: 100,
  qtyLots: 10,
  tif: 'GTC',
  postOnly: false,
};

function seeded(): OrderBook {
  const book = new OrderBook();
  book.submit({ ...base, orderId: 1000, priceTicks: 99 }, sink);
  book.submit({ ...base, orderId: 1001, side: 'sell', ownerId: 2, priceTicks: 101 }, sink);
  return book;
}
const state = (b: OrderBook) => JSON.stringify([b.snapshot(), b.seq]);

const BAD: [keyof BookOrder, unknown, string][] = [
  ['orderId', -1, 'BOOK_INVALID_ORDER_ID'],
  ['orderId', 1.5, 'BOOK_INVALID_ORDER_ID'],
  ['orderId', Number.NaN, 'BOOK_INVALID_ORDER_ID'],
  ['orderId', 2 ** 53, 'BOOK_INVALID_ORDER_ID'],
  ['orderId', '7', 'BOOK_INVALID_ORDER_ID'],
  ['ownerId', -2, 'BOOK_INVALID_OWNER'],
  ['ownerId', undefined, 'BOOK_INVALID_OWNER'],
  ['side', 'BUY', 'BOOK_INVALID_SIDE'],
  ['type', 'stop', 'BOOK_INVALID_TYPE'],
  ['tif', 'DAY', 'BOOK_INVALID_TIF'],
  ['priceTicks', 0, 'BOOK_INVALID_PRICE'],
  ['priceTicks', -100, 'BOOK_INVALID_PRICE'],
  ['priceTicks', 100.5, 'BOOK_INVALID_PRICE'],
  ['priceTicks', Number.POSITIVE_INFINITY, 'BOOK_INVALID_PRICE'],
  ['priceTicks', MAX_PRICE_TICKS + 1, 'BOOK_INVALID_PRICE'],
  ['qtyLots', 0, 'BOOK_INVALID_QTY'],
  ['qtyLots', -3, 'BOOK_INVALID_QTY'],
  ['qtyLots', Number.NaN, 'BOOK_INVALID_QTY'],
  ['qtyLots', 0.25, 'BOOK_INVALID_QTY'],
  ['qtyLots', MAX_QTY_LOTS + 1, 'BOOK_INVALID_QTY'],
  ['postOnly', 'yes', 'BOOK_INVALID_POST_ONLY'],
];

describe('bad input', () => {
  it.each(BAD)('%s = %s is rejected with %s and changes nothing', (field, value, code) => {
    const book = seeded();
    const before = state(book);
    expect(book.submit({ ...base, [field]: value } as BookOrder, sink)).toBe(code);
    expect([book.lastFilledLots, book.lastRemainingLots]).toEqual([0, 0]);
    expect(state(book)).toBe(before);
    book.validate();
  });

  it('rejects an id already resting, even when the new order would only take', () => {
    const book = seeded();
    const before = state(book);
    expect(book.submit({ ...base, orderId: 1000 }, sink)).toBe('BOOK_DUPLICATE_ORDER_ID');
    expect(book.submit({ ...base, orderId: 1001, priceTicks: 101, tif: 'IOC' }, sink)).toBe('BOOK_DUPLICATE_ORDER_ID');
    expect(state(book)).toBe(before);
  });

  it('a market order ignores its price field', () => {
    const book = seeded();
    expect(book.submit({ ...base, orderId: 5, type: 'market', priceTicks: Number.NaN, qtyLots: 4 }, sink)).toBe(
      'filled',
    );
  });

  it('unknown ids are harmless everywhere', () => {
    const book = seeded();
    const before = state(book);
    for (const id of [0, -1, Number.NaN, 2 ** 60, 1.5]) {
      expect(book.cancel(id)).toBe(0);
      expect(book.reduce(id, 1)).toBe('BOOK_UNKNOWN_ORDER');
    }
    expect(state(book)).toBe(before);
  });
});

describe('limits', () => {
  it('quantity and price are accepted at their maximum', () => {
    const book = new OrderBook();
    expect(book.submit({ ...base, priceTicks: MAX_PRICE_TICKS, qtyLots: MAX_QTY_LOTS, side: 'sell' }, sink)).toBe(
      'rested',
    );
    expect(book.bestAsk()).toEqual({ priceTicks: MAX_PRICE_TICKS, totalLots: MAX_QTY_LOTS, orderCount: 1 });
  });

  it('a level total never leaves the exact integer range', () => {
    const book = new OrderBook();
    // 31 × 2^48 fits in 2^53 - 1; the 32nd order would make the total 2^53, where doubles stop being exact.
    for (let i = 1; i <= 31; i++)
      expect(book.submit({ ...base, orderId: i, qtyLots: MAX_QTY_LOTS }, sink)).toBe('rested');
    const before = state(book);
    expect(book.submit({ ...base, orderId: 32, qtyLots: MAX_QTY_LOTS }, sink)).toBe('BOOK_LEVEL_QTY_OVERFLOW');
    expect(state(book)).toBe(before);
    expect(book.submit({ ...base, orderId: 33, qtyLots: 2 ** 48 - 1 }, sink)).toBe('rested');
    book.validate();
  });

  it('maxRestingOrders: the last one rests, one past it is BOOK_FULL, takers still trade', () => {
    const book = new OrderBook({ maxRestingOrders: 3 });
    for (let i = 1; i <= 3; i++) expect(book.submit({ ...base, orderId: i, priceTicks: 90 + i }, sink)).toBe('rested');
    expect(book.submit({ ...base, orderId: 4, priceTicks: 80 }, sink)).toBe('BOOK_FULL');
    expect(book.submit({ ...base, orderId: 5, side: 'sell', ownerId: 2, priceTicks: 93, tif: 'IOC' }, sink)).toBe(
      'filled',
    );
    expect(book.submit({ ...base, orderId: 4, priceTicks: 80 }, sink)).toBe('rested');
    expect(book.size).toBe(3);
    book.validate();
  });

  it('ids beyond 2^32 and a book that grows far past its initial capacity stay consistent', () => {
    const book = new OrderBook({ initialCapacity: 1 });
    for (let i = 0; i < 5000; i++) {
      const r = book.submit(
        { ...base, orderId: 2 ** 52 + i * 7919, priceTicks: 1 + (i % 300), qtyLots: 1 + (i % 9) },
        sink,
      );
      expect(r).toBe('rested');
    }
    book.validate();
    for (let i = 0; i < 5000; i += 2) expect(book.cancel(2 ** 52 + i * 7919)).toBe(1 + (i % 9));
    book.validate();
    expect(book.size).toBe(2500);
  });
});

describe('snapshot and restore', () => {
  it('restore keeps time priority and the depth seq', () => {
    const book = new OrderBook();
    book.submit({ ...base, orderId: 1, ownerId: 7, priceTicks: 99, qtyLots: 3 }, sink);
    book.submit({ ...base, orderId: 2, ownerId: 8, priceTicks: 99, qtyLots: 4 }, sink);
    book.submit({ ...base, orderId: 3, ownerId: 9, priceTicks: 98, qtyLots: 5 }, sink);
    book.submit({ ...base, orderId: 4, ownerId: 9, side: 'sell', priceTicks: 105, qtyLots: 5 }, sink);
    const copy = new OrderBook();
    expect(copy.restore(JSON.parse(JSON.stringify(book.snapshot())))).toBe('restored');
    expect(copy.seq).toBe(book.seq);
    expect(copy.depth()).toEqual(book.depth());
    const taker = { ...base, orderId: 10, ownerId: 1, side: 'sell' as const, type: 'market' as const, qtyLots: 8 };
    const a = new RecordingSink();
    const b = new RecordingSink();
    book.submit(taker, a);
    copy.submit(taker, b);
    expect(b.events).toEqual(a.events);
    expect(a.events.map((e) => e[1])).toEqual([1, 2, 3]);
  });

  const good = (): BookSnapshot => ({
    version: 1,
    seq: 3,
    orders: [
      { orderId: 1, ownerId: 1, side: 'buy', priceTicks: 99, qtyLots: 2 },
      { orderId: 2, ownerId: 1, side: 'sell', priceTicks: 101, qtyLots: 2 },
    ],
  });
  const broken: [string, (s: BookSnapshot) => unknown][] = [
    ['a wrong version', (s) => ({ ...s, version: 2 })],
    ['a negative seq', (s) => ({ ...s, seq: -1 })],
    ['a duplicate id', (s) => ({ ...s, orders: [s.orders[0], s.orders[0]] })],
    ['a crossed book', (s) => ({ ...s, orders: [s.orders[0], { ...s.orders[1], priceTicks: 99 }] })],
    ['a zero quantity', (s) => ({ ...s, orders: [{ ...s.orders[0], qtyLots: 0 }] })],
    ['an unknown side', (s) => ({ ...s, orders: [{ ...s.orders[0], side: 'bid' }] })],
    ['orders that are not a list', (s) => ({ ...s, orders: {} })],
    ['null', () => null],
  ];
  it.each(broken)('a snapshot with %s is rejected and the book is unchanged', (_name, mutate) => {
    const book = seeded();
    const before = state(book);
    expect(book.restore(mutate(good()) as BookSnapshot)).toBe('BOOK_INVALID_SNAPSHOT');
    expect(state(book)).toBe(before);
    expect(book.restore(good())).toBe('restored');
  });

  it('a snapshot larger than maxRestingOrders is rejected', () => {
    expect(new OrderBook({ maxRestingOrders: 1 }).restore(good())).toBe('BOOK_INVALID_SNAPSHOT');
  });
});

describe('validate', () => {
  it('detects a corrupted total (the invariant check can fail)', () => {
    const book = seeded();
    book.validate();
    const levels = (book as unknown as { levels: { totalLots: Float64Array } }).levels;
    levels.totalLots[0] = (levels.totalLots[0] as number) + 1;
    expect(() => book.validate()).toThrow(AssertionError);
  });
});
