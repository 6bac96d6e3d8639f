import { assert } from '../../util/assert';
import { NIL, type OrderStore } from './order-store';

/**
 * An account's open orders in acceptance order: an intrusive doubly linked list through the
 * orders' slots (`prevOpen`/`nextOpen` in the store). Add and remove are O(1) with no hashing and
 * no allocation (a `Set<number>` per account cost a hash-table probe per order, mostly cache
 * misses once accounts hold thousands of orders). Callers that end orders while walking take
 * `toArray()` first.
 */
export class OpenOrders {
  private count = 0;
  private head = NIL;
  private tail = NIL;

  get size(): number {
    return this.count;
  }

  add(store: OrderStore, s: number): void {
    if (!(store.prevOpen(s) === NIL && store.nextOpen(s) === NIL && this.head !== s))
      assert(false, 'order is already open');
    store.setPrevOpen(s, this.tail);
    if (this.tail === NIL) this.head = s;
    else store.setNextOpen(this.tail, s);
    this.tail = s;
    this.count++;
  }

  delete(store: OrderStore, s: number): void {
    const prev = store.prevOpen(s);
    const next = store.nextOpen(s);
    if (!(prev !== NIL || this.head === s)) assert(false, 'order is not open here');
    if (prev === NIL) this.head = next;
    else store.setNextOpen(prev, next);
    if (next === NIL) this.tail = prev;
    else store.setPrevOpen(next, prev);
    store.setPrevOpen(s, NIL);
    store.setNextOpen(s, NIL);
    this.count--;
  }

  /** The first open order's slot (oldest), or NIL; walk on with `store.nextOpen(s)`. */
  first(): number {
    return this.head;
  }

  /** The slots in acceptance order, for walks that end orders as they go. */
  toArray(store: OrderStore): number[] {
    const out: number[] = [];
    for (let s = this.head; s !== NIL; s = store.nextOpen(s)) out.push(s);
    assert(out.length === this.count, 'open order list length disagrees with its count');
    return out;
  }
}
