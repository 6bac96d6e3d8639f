import { assert } from '../../util/index';
import { growF64, growI32, NIL } from './order-slots';
import { SafeIntMap } from './safe-int-map';

/** Sides as array indexes on the hot path. */
export const BUY = 0;
export const SELL = 1;
/** 2^25 levels: more than the slot bound, since a level needs at least one order. */
const MAX_LEVELS = 1 << 25;

/**
 * Price levels as a struct of arrays indexed by level id: price, total resting lots, order count
 * and the head/tail of the level's FIFO of order slots. Free level ids form a stack through `head`.
 */
export class LevelPool {
  priceTicks: Float64Array;
  totalLots: Float64Array;
  orderCount: Int32Array;
  head: Int32Array;
  tail: Int32Array;
  side: Uint8Array;
  private freeHead = NIL;
  private used = 0;

  constructor(capacity = 256) {
    const cap = Math.max(16, capacity);
    this.priceTicks = new Float64Array(cap);
    this.totalLots = new Float64Array(cap);
    this.orderCount = new Int32Array(cap);
    this.head = new Int32Array(cap);
    this.tail = new Int32Array(cap);
    this.side = new Uint8Array(cap);
    this.pushFree(0, cap);
  }

  get size(): number {
    return this.used;
  }

  private pushFree(from: number, to: number): void {
    for (let l = to - 1; l >= from; l--) {
      this.head[l] = this.freeHead;
      this.orderCount[l] = -1;
      this.freeHead = l;
    }
  }

  alloc(side: number, priceTicks: number): number {
    if (this.freeHead === NIL) this.grow();
    const l = this.freeHead;
    this.freeHead = this.head[l] as number;
    this.priceTicks[l] = priceTicks;
    this.totalLots[l] = 0;
    this.orderCount[l] = 0;
    this.head[l] = NIL;
    this.tail[l] = NIL;
    this.side[l] = side;
    this.used++;
    return l;
  }

  free(l: number): void {
    assert(this.orderCount[l] === 0 && this.totalLots[l] === 0, 'level pool: freeing a non-empty level');
    this.orderCount[l] = -1;
    this.head[l] = this.freeHead;
    this.freeHead = l;
    this.used--;
  }

  private grow(): void {
    const old = this.priceTicks.length;
    const cap = old * 2;
    assert(cap <= MAX_LEVELS, 'level pool: capacity bound reached');
    this.priceTicks = growF64(this.priceTicks, cap);
    this.totalLots = growF64(this.totalLots, cap);
    this.orderCount = growI32(this.orderCount, cap);
    this.head = growI32(this.head, cap);
    this.tail = growI32(this.tail, cap);
    const side = new Uint8Array(cap);
    side.set(this.side);
    this.side = side;
    this.pushFree(old, cap);
  }

  clear(): void {
    this.freeHead = NIL;
    this.used = 0;
    this.pushFree(0, this.priceTicks.length);
  }
}

/**
 * One side's price levels sorted by a key that grows towards the best price (bids: the price,
 * asks: minus the price), so the best level is always last: reading it is O(1), and levels come
 * and go mostly near the top, where inserting or removing moves few entries (a binary search
 * finds the place). A hash of price → level makes finding an existing level O(1).
 */
export class PriceLadder {
  private keys: Float64Array;
  private ids: Int32Array;
  private n = 0;
  private readonly sign: number;
  private readonly byPrice = new SafeIntMap(64);

  constructor(side: number, capacity = 256) {
    this.sign = side === BUY ? 1 : -1;
    this.keys = new Float64Array(Math.max(16, capacity));
    this.ids = new Int32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.n;
  }

  /** Level id of the best price, or NIL. */
  best(): number {
    return this.n === 0 ? NIL : (this.ids[this.n - 1] as number);
  }

  /** Level id `rank` places behind the best (0 = best), or NIL. */
  at(rank: number): number {
    const i = this.n - 1 - rank;
    return i < 0 ? NIL : (this.ids[i] as number);
  }

  /** First index whose key is ≥ `key`. */
  private lowerBound(key: number): number {
    const keys = this.keys;
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Level id at `priceTicks`, or NIL. */
  find(priceTicks: number): number {
    return this.byPrice.get(priceTicks);
  }

  insert(priceTicks: number, levelId: number): void {
    const key = this.sign * priceTicks;
    if (this.n === this.keys.length) this.grow();
    const i = this.lowerBound(key);
    assert(i === this.n || this.keys[i] !== key, 'price ladder: level already present');
    if (i < this.n) {
      this.keys.copyWithin(i + 1, i, this.n);
      this.ids.copyWithin(i + 1, i, this.n);
    }
    this.keys[i] = key;
    this.ids[i] = levelId;
    this.n++;
    this.byPrice.insert(priceTicks, levelId);
  }

  remove(priceTicks: number): void {
    this.byPrice.remove(priceTicks);
    const key = this.sign * priceTicks;
    const n = this.n;
    if (n > 0 && this.keys[n - 1] === key) {
      this.n--;
      return;
    }
    const i = this.lowerBound(key);
    assert(i < n && this.keys[i] === key, 'price ladder: removing an absent level');
    this.keys.copyWithin(i, i + 1, n);
    this.ids.copyWithin(i, i + 1, n);
    this.n--;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    this.keys = growF64(this.keys, cap);
    this.ids = growI32(this.ids, cap);
  }

  clear(): void {
    this.n = 0;
    this.byPrice.clear();
  }

  /** Keys strictly increase towards the best (for invariant checks). */
  checkSorted(): void {
    assert(this.byPrice.size === this.n, 'price ladder: price hash and sorted keys differ in size');
    for (let i = 1; i < this.n; i++) {
      assert((this.keys[i - 1] as number) < (this.keys[i] as number), 'price ladder: keys not strictly sorted');
    }
  }
}
