import { assert } from '../../util/index';

/** The null link of every intrusive list here. */
export const NIL = -1;
/** 2^25 slots × 36 bytes ≈ 1.2 GB: a ceiling for bugs; books are bounded well below by their options. */
const MAX_SLOTS = 1 << 25;

/**
 * Resting orders as a struct of arrays indexed by slot: no object per order, so a million
 * resting orders are a handful of typed arrays the garbage collector never scans. Each slot
 * is linked into its price level's FIFO (`next`/`prev`); free slots form a stack through `next`.
 */
export class OrderSlots {
  orderId: Float64Array;
  ownerId: Float64Array;
  qtyLots: Float64Array;
  next: Int32Array;
  prev: Int32Array;
  level: Int32Array;
  private freeHead = NIL;
  private used = 0;

  constructor(capacity = 1024) {
    const cap = Math.max(16, capacity);
    this.orderId = new Float64Array(cap);
    this.ownerId = new Float64Array(cap);
    this.qtyLots = new Float64Array(cap);
    this.next = new Int32Array(cap);
    this.prev = new Int32Array(cap);
    this.level = new Int32Array(cap);
    this.pushFree(0, cap);
  }

  get capacity(): number {
    return this.orderId.length;
  }

  /** Slots in use. */
  get size(): number {
    return this.used;
  }

  /** Pushes slots [from, to) on the free stack so that `from` is handed out first. */
  private pushFree(from: number, to: number): void {
    for (let s = to - 1; s >= from; s--) {
      this.next[s] = this.freeHead;
      this.level[s] = NIL;
      this.freeHead = s;
    }
  }

  alloc(orderId: number, ownerId: number, qtyLots: number, level: number): number {
    if (this.freeHead === NIL) this.grow();
    const s = this.freeHead;
    this.freeHead = this.next[s] as number;
    this.orderId[s] = orderId;
    this.ownerId[s] = ownerId;
    this.qtyLots[s] = qtyLots;
    this.level[s] = level;
    this.next[s] = NIL;
    this.prev[s] = NIL;
    this.used++;
    return s;
  }

  free(s: number): void {
    assert(this.level[s] !== NIL, 'order slots: double free');
    this.level[s] = NIL;
    this.qtyLots[s] = 0;
    this.next[s] = this.freeHead;
    this.freeHead = s;
    this.used--;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    assert(cap <= MAX_SLOTS, 'order slots: capacity bound reached');
    this.orderId = growF64(this.orderId, cap);
    this.ownerId = growF64(this.ownerId, cap);
    this.qtyLots = growF64(this.qtyLots, cap);
    this.next = growI32(this.next, cap);
    this.prev = growI32(this.prev, cap);
    this.level = growI32(this.level, cap);
    this.pushFree(old, cap);
  }

  clear(): void {
    this.freeHead = NIL;
    this.used = 0;
    this.pushFree(0, this.capacity);
  }

  /** Length of the free stack, walked with a bound (for invariant checks). */
  freeCount(): number {
    let n = 0;
    for (let s = this.freeHead; s !== NIL; s = this.next[s] as number) {
      n++;
      assert(n <= this.capacity, 'order slots: free list cycle');
      assert(this.level[s] === NIL, 'order slots: free slot still linked to a level');
    }
    return n;
  }
}

export function growF64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

export function growI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
