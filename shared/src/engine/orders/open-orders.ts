import { assert } from '../../util/assert';
import type { OrderRecord } from '../core/state';

/**
 * An account's open orders in acceptance order: an intrusive doubly linked list through the
 * records' `prevOpen`/`nextOpen` fields. Add and remove are O(1) with no hashing and no
 * allocation (a `Set<number>` per account cost a hash-table probe per order, mostly cache
 * misses once accounts hold thousands of orders). Iteration order is insertion order, as a
 * Set's was; callers that cancel while walking take `toArray()` first.
 */
export class OpenOrders {
  private count = 0;
  private head: OrderRecord | null = null;
  private tail: OrderRecord | null = null;

  get size(): number {
    return this.count;
  }

  add(o: OrderRecord): void {
    assert(o.prevOpen === null && o.nextOpen === null && this.head !== o, `order ${o.orderId} is already open`);
    o.prevOpen = this.tail;
    if (this.tail === null) this.head = o;
    else this.tail.nextOpen = o;
    this.tail = o;
    this.count++;
  }

  delete(o: OrderRecord): void {
    const prev = o.prevOpen;
    const next = o.nextOpen;
    assert(prev !== null || this.head === o, `order ${o.orderId} is not open here`);
    if (prev === null) this.head = next;
    else prev.nextOpen = next;
    if (next === null) this.tail = prev;
    else next.prevOpen = prev;
    o.prevOpen = null;
    o.nextOpen = null;
    this.count--;
  }

  /** The first open order (oldest), or null; walk on with `o.nextOpen`. */
  first(): OrderRecord | null {
    return this.head;
  }

  /** Order ids in acceptance order (the `Set<number>` this replaces iterated so); do not cancel while walking. */
  *[Symbol.iterator](): IterableIterator<number> {
    for (let o = this.head; o !== null; o = o.nextOpen) yield o.orderId;
  }

  /** A copy in acceptance order, for walks that cancel as they go. */
  toArray(): OrderRecord[] {
    const out: OrderRecord[] = [];
    for (let o = this.head; o !== null; o = o.nextOpen) out.push(o);
    assert(out.length === this.count, 'open order list length disagrees with its count');
    return out;
  }
}
