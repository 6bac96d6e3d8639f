import { type BookOrder, type FillSink, OrderBook } from '@tradewind/shared/engine';
import { OrderBook as HftBook, Side as HftSide } from 'hft-limit-order-book';
import { OrderBook as NobBook, Side as NobSide } from 'nodejs-order-book';
import { type BookStream, OP_CANCEL, OP_LIMIT } from './book-stream';

/**
 * One book under test, driven by a stream. `step(i)` applies operation i to the current book;
 * `reset()` starts a fresh, empty book. Each adapter translates the stream once per operation
 * into its library's own calls, reusing one options object per call shape (the libraries copy
 * what they keep), so nobody pays for our stream format.
 */
export type BookRunner = {
  readonly name: string;
  reset(): void;
  step(i: number): void;
  /** Resting orders now (sanity check that a run did real work). */
  resting(): number;
};

/** Counts fills: keeps the work observable so nothing is optimised away. */
class CountingSink implements FillSink {
  fills = 0;
  lots = 0;
  onFill(_maker: number, _owner: number, _taker: number, _price: number, qty: number): void {
    this.fills++;
    this.lots += qty;
  }
  onSelfTradePrevented(): void {}
}

export function tradewindRunner(s: BookStream): BookRunner {
  const sink = new CountingSink();
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
  let book = new OrderBook({ selfTrade: 'none' });
  return {
    name: 'tradewind',
    reset: () => {
      book = new OrderBook({ selfTrade: 'none' });
    },
    step: (i) => {
      const kind = s.kind[i];
      if (kind === OP_CANCEL) {
        book.cancel(s.orderId[i] as number);
        return;
      }
      order.side = s.side[i] === 0 ? 'buy' : 'sell';
      order.type = kind === OP_LIMIT ? 'limit' : 'market';
      order.orderId = s.orderId[i] as number;
      order.priceTicks = s.priceTicks[i] as number;
      order.qtyLots = s.qtyLots[i] as number;
      book.submit(order, sink);
    },
    resting: () => book.size,
  };
}

/** The peers share an API shape (hft-limit-order-book is the older name of the same project). */
type PeerBook = {
  limit(o: { id: string; side: never; size: number; price: number }): unknown;
  market(o: { side: never; size: number }): unknown;
  cancel(id: string): unknown;
  depth(): [unknown[], unknown[]];
};

function peerRunner(name: string, s: BookStream, make: () => PeerBook, buy: string, sell: string): BookRunner {
  let book = make();
  const limit = { id: '', side: buy as never, size: 0, price: 0 };
  const market = { side: buy as never, size: 0 };
  return {
    name,
    reset: () => {
      book = make();
    },
    step: (i) => {
      const kind = s.kind[i];
      if (kind === OP_CANCEL) {
        book.cancel(s.idText[i] as string);
        return;
      }
      const side = (s.side[i] === 0 ? buy : sell) as never;
      if (kind === OP_LIMIT) {
        limit.id = s.idText[i] as string;
        limit.side = side;
        limit.size = s.qtyLots[i] as number;
        limit.price = s.priceTicks[i] as number;
        book.limit(limit);
      } else {
        market.side = side;
        market.size = s.qtyLots[i] as number;
        book.market(market);
      }
    },
    // Both keep resting orders in a plain object keyed by id (read from their dist/cjs/orderbook.js).
    resting: () => Object.keys((book as unknown as { orders: Record<string, unknown> }).orders).length,
  };
}

export function nodejsOrderBookRunner(s: BookStream): BookRunner {
  return peerRunner(
    'nodejs-order-book@10.1.1',
    s,
    () => new NobBook() as unknown as PeerBook,
    NobSide.BUY,
    NobSide.SELL,
  );
}

export function hftLimitOrderBookRunner(s: BookStream): BookRunner {
  return peerRunner(
    'hft-limit-order-book@7.0.2',
    s,
    () => new HftBook() as unknown as PeerBook,
    HftSide.BUY,
    HftSide.SELL,
  );
}
