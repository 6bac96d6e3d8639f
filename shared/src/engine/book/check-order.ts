import { type BookOrder, type BookRejectCode, MAX_PRICE_TICKS, MAX_QTY_LOTS } from './types';

/** A non-negative safe integer: what order and owner ids must be. */
export function isId(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 0;
}

export function isQty(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 1 && (x as number) <= MAX_QTY_LOTS;
}

export function isPrice(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 1 && (x as number) <= MAX_PRICE_TICKS;
}

/**
 * The shape checks of one submit, in a fixed order so the first problem found is reported.
 * Types promise all of this, but orders may come from untyped JSON: the book checks anyway,
 * since a NaN quantity at rest would corrupt every total behind it.
 */
export function checkOrder(order: BookOrder): BookRejectCode | undefined {
  if (!isId(order.orderId)) return 'BOOK_INVALID_ORDER_ID';
  if (!isId(order.ownerId)) return 'BOOK_INVALID_OWNER';
  if (order.side !== 'buy' && order.side !== 'sell') return 'BOOK_INVALID_SIDE';
  if (order.type !== 'limit' && order.type !== 'market') return 'BOOK_INVALID_TYPE';
  if (order.tif !== 'GTC' && order.tif !== 'IOC' && order.tif !== 'FOK') return 'BOOK_INVALID_TIF';
  if (order.type === 'limit' && !isPrice(order.priceTicks)) return 'BOOK_INVALID_PRICE';
  if (!isQty(order.qtyLots)) return 'BOOK_INVALID_QTY';
  if (order.postOnly !== false && order.postOnly !== true) return 'BOOK_INVALID_POST_ONLY';
  if (order.postOnly && (order.type !== 'limit' || order.tif !== 'GTC')) return 'BOOK_INVALID_POST_ONLY';
  return undefined;
}
