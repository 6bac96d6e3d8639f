import { assert } from '../../util/index';

/** The null link of every intrusive list here. */
export const NIL = -1;
/** 2^25 slots × 64 bytes = 2 GiB: a ceiling for bugs; books are bounded well below by their options. */
const MAX_SLOTS = 1 << 25;
/**
 * One slot is 64 bytes, one cache line: 8 float64 words, or 16 int32 words through the second
 * view of the same buffer. Words 0-2 (f64): orderId, ownerId, qtyLots. Int words 6-8: next, prev,
 * level. The rest is spare. Why one line per order: cancels land on random orders of a deep book
 * and matching walks a level's list; with one array per field each visit cost ~6 cache misses.
 */
const F64_PER_SLOT = 8;
const I32_PER_SLOT = 16;
const ORDER_ID = 0;
const OWNER_ID = 1;
const QTY = 2;
const NEXT = 6;
const PREV = 7;
const LEVEL = 8;

/**
 * Resting orders in one ArrayBuffer indexed by slot: no object per order, so a million resting
 * orders are one buffer the garbage collector never scans. Each slot is linked into its price
 * level's FIFO (`next`/`prev`); free slots form a stack through `next`.
 */
export class OrderSlots {
  private f: Float64Array;
  private i: Int32Array;
  private cap: number;
  private freeHead = NIL;
  private used = 0;

  constructor(capacity = 1024) {
    this.cap = Math.max(16, capacity);
    this.f = new Float64Array(this.cap * F64_PER_SLOT);
    this.i = new Int32Array(this.f.buffer);
    this.pushFree(0, this.cap);
  }

  get capacity(): number {
    return this.cap;
  }
  /** Slots in use. */
  get size(): number {
    return this.used;
  }

  orderId(s: number): number {
    return this.f[s * F64_PER_SLOT + ORDER_ID] as number;
  }
  ownerId(s: number): number {
    return this.f[s * F64_PER_SLOT + OWNER_ID] as number;
  }
  qtyLots(s: number): number {
    return this.f[s * F64_PER_SLOT + QTY] as number;
  }
  next(s: number): number {
    return this.i[s * I32_PER_SLOT + NEXT] as number;
  }
  prev(s: number): number {
    return this.i[s * I32_PER_SLOT + PREV] as number;
  }
  /** Level id of a used slot, NIL for a free one. */
  level(s: number): number {
    return this.i[s * I32_PER_SLOT + LEVEL] as number;
  }
  setQtyLots(s: number, qty: number): void {
    this.f[s * F64_PER_SLOT + QTY] = qty;
  }
  setNext(s: number, next: number): void {
    this.i[s * I32_PER_SLOT + NEXT] = next;
  }
  setPrev(s: number, prev: number): void {
    this.i[s * I32_PER_SLOT + PREV] = prev;
  }

  /** Pushes slots [from, to) on the free stack so that `from` is handed out first. */
  private pushFree(from: number, to: number): void {
    for (let s = to - 1; s >= from; s--) {
      this.i[s * I32_PER_SLOT + NEXT] = this.freeHead;
      this.i[s * I32_PER_SLOT + LEVEL] = NIL;
      this.freeHead = s;
    }
  }

  alloc(orderId: number, ownerId: number, qtyLots: number, level: number): number {
    if (this.freeHead === NIL) this.grow();
    const s = this.freeHead;
    const fi = s * F64_PER_SLOT;
    const ii = s * I32_PER_SLOT;
    this.freeHead = this.i[ii + NEXT] as number;
    this.f[fi + ORDER_ID] = orderId;
    this.f[fi + OWNER_ID] = ownerId;
    this.f[fi + QTY] = qtyLots;
    this.i[ii + NEXT] = NIL;
    this.i[ii + PREV] = NIL;
    this.i[ii + LEVEL] = level;
    this.used++;
    return s;
  }

  free(s: number): void {
    const ii = s * I32_PER_SLOT;
    assert(this.i[ii + LEVEL] !== NIL, 'order slots: double free');
    this.i[ii + LEVEL] = NIL;
    this.f[s * F64_PER_SLOT + QTY] = 0;
    this.i[ii + NEXT] = this.freeHead;
    this.freeHead = s;
    this.used--;
  }

  private grow(): void {
    const old = this.cap;
    const cap = old * 2;
    assert(cap <= MAX_SLOTS, 'order slots: capacity bound reached');
    const f = new Float64Array(cap * F64_PER_SLOT);
    f.set(this.f);
    this.f = f;
    this.i = new Int32Array(f.buffer);
    this.cap = cap;
    this.pushFree(old, cap);
  }

  clear(): void {
    this.freeHead = NIL;
    this.used = 0;
    this.pushFree(0, this.cap);
  }

  /** Length of the free stack, walked with a bound (for invariant checks). */
  freeCount(): number {
    let n = 0;
    for (let s = this.freeHead; s !== NIL; s = this.next(s)) {
      n++;
      assert(n <= this.cap, 'order slots: free list cycle');
      assert(this.level(s) === NIL, 'order slots: free slot still linked to a level');
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
