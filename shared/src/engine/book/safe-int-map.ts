import { assert } from '../../util/index';

/** Marks an empty bucket (slots are ≥ 0). */
const EMPTY = -1;
const MIN_BITS = 4;
/** 2^30 buckets: far beyond any book we bound (`DEFAULT_MAX_RESTING_ORDERS` is 2^24). */
const MAX_BITS = 30;
const TWO_POW_32 = 4294967296;

/**
 * Safe integer → non-negative int (orderId → slot, priceTicks → level): an open-addressing hash
 * table in typed arrays with linear probing, load ≤ 1/2 and backward-shift deletion (no
 * tombstones). Why not a `Map`: keys above 2^30 are heap numbers in V8, so every `Map.set` would
 * allocate; here nothing allocates except a doubling rehash.
 */
export class SafeIntMap {
  private keys: Float64Array;
  private vals: Int32Array;
  private bits: number;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    this.bits = MIN_BITS;
    while (1 << this.bits < expected * 2 && this.bits < MAX_BITS) this.bits++;
    this.keys = new Float64Array(1 << this.bits);
    this.vals = new Int32Array(1 << this.bits).fill(EMPTY);
    this.mask = (1 << this.bits) - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Fibonacci hashing over both 32-bit halves of a safe integer: sequential ids spread well. */
  private home(key: number): number {
    const lo = key >>> 0;
    const hi = (key / TWO_POW_32) >>> 0;
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> (32 - this.bits);
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const vals = this.vals;
    let i = this.home(key);
    for (;;) {
      const v = vals[i] as number;
      if (v === EMPTY || keys[i] === key) return v;
      i = (i + 1) & this.mask;
    }
  }

  /** Inserts a key known to be absent. */
  insert(key: number, slot: number): void {
    assert(slot >= 0, 'safe int map: slot must be ≥ 0');
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const keys = this.keys;
    const vals = this.vals;
    let i = this.home(key);
    while (vals[i] !== EMPTY) {
      assert(keys[i] !== key, 'safe int map: duplicate key');
      i = (i + 1) & this.mask;
    }
    keys[i] = key;
    vals[i] = slot;
    this.count++;
  }

  /** Removes `key`; returns its value or -1 when absent. */
  remove(key: number): number {
    const keys = this.keys;
    const vals = this.vals;
    let i = this.home(key);
    for (;;) {
      const v = vals[i] as number;
      if (v === EMPTY) return EMPTY;
      if (keys[i] === key) break;
      i = (i + 1) & this.mask;
    }
    const slot = vals[i] as number;
    this.shiftBack(i);
    this.count--;
    return slot;
  }

  /** Backward-shift deletion: pull later entries of the probe run into the hole at `hole`. */
  private shiftBack(start: number): void {
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    let hole = start;
    let j = start;
    for (;;) {
      j = (j + 1) & mask;
      const v = vals[j] as number;
      if (v === EMPTY) break;
      const h = this.home(keys[j] as number);
      // Move j into the hole unless its home lies cyclically in (hole, j].
      const stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
      if (stays) continue;
      keys[hole] = keys[j] as number;
      vals[hole] = v;
      hole = j;
    }
    vals[hole] = EMPTY;
  }

  private grow(): void {
    assert(this.bits < MAX_BITS, 'safe int map: capacity bound reached');
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.bits++;
    this.keys = new Float64Array(1 << this.bits);
    this.vals = new Int32Array(1 << this.bits).fill(EMPTY);
    this.mask = (1 << this.bits) - 1;
    this.count = 0;
    for (let i = 0; i < oldVals.length; i++) {
      const v = oldVals[i] as number;
      if (v !== EMPTY) this.insert(oldKeys[i] as number, v);
    }
  }

  clear(): void {
    this.vals.fill(EMPTY);
    this.count = 0;
  }

  /** Visits every entry (for invariant checks). */
  forEach(fn: (key: number, slot: number) => void): void {
    for (let i = 0; i < this.vals.length; i++) {
      const v = this.vals[i] as number;
      if (v !== EMPTY) fn(this.keys[i] as number, v);
    }
  }
}
