import { assert } from '../../util/assert';
import type { OrderRecord } from '../core/state';

/** Ids per page: 2^8. A page is 256 slots (~1 KB); it lives while any of its orders is open. */
const PAGE_BITS = 8;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

type Page = { live: number; readonly slots: (OrderRecord | undefined)[] };

/**
 * The open orders by id, for the engine's hot path. Order ids are issued by a counter and
 * registered in increasing order (asserted), so orders live in pages of 256 consecutive ids
 * found through a small map of live pages: a new order goes into the page of the previous one
 * (no hashing, no cache miss) and a lookup is one probe of a map that has 1/256 as many entries
 * as orders (and stays in cache), then one array slot. A `Map<number, OrderRecord>` with a
 * million entries and random deletions cost several cache misses per insert and per delete.
 *
 * Bound: a page is freed when its last order leaves (the current page, where new ids go, stays),
 * so pages ≤ open orders + 1, and in the worst
 * case (one long-lived order per 256 ids) a page costs ~1 KB per open order; in the ordinary case
 * most ids of a page are open or the page is gone. Iteration is in id order (= registration
 * order, as the `Map` this replaces iterated).
 */
export class OrderTable {
  private readonly pages = new Map<number, Page>();
  private count = 0;
  private lastIx = -1;
  private lastPage: Page | undefined;
  private maxId = 0;

  get size(): number {
    return this.count;
  }

  private page(pageIx: number): Page | undefined {
    if (pageIx === this.lastIx) return this.lastPage;
    const p = this.pages.get(pageIx);
    if (p !== undefined) {
      this.lastIx = pageIx;
      this.lastPage = p;
    }
    return p;
  }

  get(orderId: number): OrderRecord | undefined {
    if (!(Number.isSafeInteger(orderId) && orderId > 0 && orderId <= this.maxId)) return undefined;
    return this.page(Math.floor(orderId / PAGE_SIZE))?.slots[orderId & PAGE_MASK];
  }

  has(orderId: number): boolean {
    return this.get(orderId) !== undefined;
  }

  /** Adds an order whose id is above every id added before (asserted). */
  set(orderId: number, o: OrderRecord): void {
    assert(Number.isSafeInteger(orderId) && orderId > this.maxId && o.orderId === orderId, 'order ids must increase');
    const pageIx = Math.floor(orderId / PAGE_SIZE);
    const prevIx = Math.floor(this.maxId / PAGE_SIZE);
    this.maxId = orderId;
    let p = this.page(pageIx);
    if (p === undefined) {
      // The page new ids went into stays while it is current, even empty (orders that die at once
      // would otherwise free and rebuild it every time); once ids move on, an empty one goes.
      if (prevIx !== pageIx && this.pages.get(prevIx)?.live === 0) this.pages.delete(prevIx);
      p = { live: 0, slots: new Array<OrderRecord | undefined>(PAGE_SIZE).fill(undefined) };
      this.pages.set(pageIx, p);
      this.lastIx = pageIx;
      this.lastPage = p;
    }
    p.slots[orderId & PAGE_MASK] = o;
    p.live++;
    this.count++;
  }

  delete(orderId: number): boolean {
    const pageIx = Math.floor(orderId / PAGE_SIZE);
    const p = Number.isSafeInteger(orderId) && orderId > 0 && orderId <= this.maxId ? this.page(pageIx) : undefined;
    const i = orderId & PAGE_MASK;
    if (p === undefined || p.slots[i] === undefined) return false;
    p.slots[i] = undefined;
    p.live--;
    this.count--;
    if (p.live === 0 && pageIx !== Math.floor(this.maxId / PAGE_SIZE)) {
      this.pages.delete(pageIx);
      if (this.lastIx === pageIx) {
        this.lastIx = -1;
        this.lastPage = undefined;
      }
    }
    return true;
  }

  /** The open orders in id order (a copy: callers may cancel while walking it). */
  values(): OrderRecord[] {
    const out: OrderRecord[] = [];
    // Pages are created in increasing index order (ids only increase), so the map's order is sorted.
    for (const p of this.pages.values()) for (const o of p.slots) if (o !== undefined) out.push(o);
    // (The current page may be empty; empty pages contribute nothing.)
    assert(out.length === this.count, 'order table count disagrees with its pages');
    return out;
  }

  keys(): number[] {
    return this.values().map((o) => o.orderId);
  }
}
