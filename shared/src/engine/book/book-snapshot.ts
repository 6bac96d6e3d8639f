import { isId, isPrice, isQty } from './check-order';
import type { BookSnapshot, RestingOrder } from './types';

/**
 * Checks a snapshot (it may come from untrusted JSON) before anything is replaced: fields,
 * unique ids, the book's bound, exact level totals and an uncrossed book.
 */
export function parseSnapshot(x: unknown, maxOrders: number): BookSnapshot | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const snap = x as Partial<BookSnapshot>;
  if (snap.version !== 1 || !isId(snap.seq) || !Array.isArray(snap.orders)) return undefined;
  if (snap.orders.length > maxOrders) return undefined;
  const ids = new Set<number>();
  const totals = new Map<string, number>();
  let bestBid = 0;
  let bestAsk = Number.POSITIVE_INFINITY;
  for (const o of snap.orders as unknown[]) {
    if (!isRestingOrder(o) || ids.has(o.orderId)) return undefined;
    ids.add(o.orderId);
    const key = `${o.side}:${o.priceTicks}`;
    const total = (totals.get(key) ?? 0) + o.qtyLots;
    if (total > Number.MAX_SAFE_INTEGER) return undefined;
    totals.set(key, total);
    if (o.side === 'buy') bestBid = Math.max(bestBid, o.priceTicks);
    else bestAsk = Math.min(bestAsk, o.priceTicks);
  }
  if (bestBid >= bestAsk) return undefined;
  return snap as BookSnapshot;
}

function isRestingOrder(x: unknown): x is RestingOrder {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Partial<RestingOrder>;
  return (
    isId(o.orderId) &&
    isId(o.ownerId) &&
    (o.side === 'buy' || o.side === 'sell') &&
    isPrice(o.priceTicks) &&
    isQty(o.qtyLots)
  );
}
