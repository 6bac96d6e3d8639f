const MAX = Number.MAX_SAFE_INTEGER;

/**
 * Amounts per currency (an account's balances or holds) with the read and write surface of a
 * `Map<string, bigint>` (snapshots, readers outside the engine), kept as exact doubles while they
 * are safe integers: the hot path adds numbers with no bigint allocation and no hashing (an
 * account has a few currencies, found by a short scan of identical key strings). A value beyond
 * ±(2^53 − 1) is stored as NaN with the bigint aside, so every amount stays exact.
 */
export class Amounts implements Iterable<[string, bigint]> {
  private readonly keys: string[] = [];
  /** Exact doubles; NaN: the value is in `bigs`. */
  private readonly nums: number[] = [];
  private readonly bigs = new Map<string, bigint>();

  constructor(entries?: Iterable<readonly [string, bigint]>) {
    if (entries !== undefined) for (const [k, v] of entries) this.set(k, v);
  }

  get size(): number {
    return this.keys.length;
  }

  private find(k: string): number {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === k) return i;
    return -1;
  }

  has(k: string): boolean {
    return this.find(k) >= 0;
  }

  get(k: string): bigint | undefined {
    const i = this.find(k);
    return i < 0 ? undefined : this.at(i);
  }

  private at(i: number): bigint {
    const v = this.nums[i] as number;
    return Number.isNaN(v) ? (this.bigs.get(this.keys[i] as string) as bigint) : BigInt(v);
  }

  /** The amount as an exact double: 0 when absent, NaN when beyond ±(2^53 − 1). */
  num(k: string): number {
    const i = this.find(k);
    return i < 0 ? 0 : (this.nums[i] as number);
  }

  set(k: string, v: bigint): this {
    let i = this.find(k);
    if (i < 0) {
      i = this.keys.length;
      this.keys.push(k);
      this.nums.push(0);
    }
    this.put(i, v);
    return this;
  }

  private put(i: number, v: bigint): void {
    const k = this.keys[i] as string;
    if (v <= 9007199254740991n && v >= -9007199254740991n) {
      this.nums[i] = Number(v);
      this.bigs.delete(k);
    } else {
      this.nums[i] = Number.NaN;
      this.bigs.set(k, v);
    }
  }

  /** Adds `d` (a safe integer) to the amount, creating it at 0; returns the new amount as `num` does. */
  addNum(k: string, d: number): number {
    let i = this.find(k);
    if (i < 0) {
      i = this.keys.length;
      this.keys.push(k);
      this.nums.push(0);
    }
    const s = (this.nums[i] as number) + d;
    if (s <= MAX && s >= -MAX) {
      this.nums[i] = s;
      return s;
    }
    this.put(i, this.at(i) + BigInt(d));
    return this.nums[i] as number;
  }

  /** Adds `d` to the amount, creating it at 0. */
  add(k: string, d: bigint): void {
    if (d <= 9007199254740991n && d >= -9007199254740991n) this.addNum(k, Number(d));
    else this.set(k, (this.get(k) ?? 0n) + d);
  }

  delete(k: string): boolean {
    const i = this.find(k);
    if (i < 0) return false;
    this.keys.splice(i, 1);
    this.nums.splice(i, 1);
    this.bigs.delete(k);
    return true;
  }

  *entries(): IterableIterator<[string, bigint]> {
    for (let i = 0; i < this.keys.length; i++) yield [this.keys[i] as string, this.at(i)];
  }

  [Symbol.iterator](): IterableIterator<[string, bigint]> {
    return this.entries();
  }
}
