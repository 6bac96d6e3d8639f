import { assert } from '../../util/assert';

const MIN_SLOTS = 16;
/** Entries per account are bounded by the orders it can place; 2^28 slots is far beyond any. */
const MAX_SLOTS = 1 << 28;

/** FNV-1a (32 bit) over UTF-16 code units: cheap for the short ids clients use. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * Client order id → order id, for ever (idempotency), in insertion order. An open-addressing
 * table of (hash, entry) pairs in one Int32Array with linear probing at load ≤ 1/2; keys and
 * values live in arrays indexed by entry. A lookup touches one cache line of the table and
 * compares strings only when the 32-bit hashes agree, where a `Map<string, number>` walked a
 * chain of heap entries and their key strings (cache misses once accounts hold many ids).
 * Insert-only: client ids are never forgotten.
 */
export class ClientIdTable {
  /** [hash, entry + 1] per slot; entry + 1 = 0 marks an empty slot. */
  private slots = new Int32Array(MIN_SLOTS * 2);
  private mask = MIN_SLOTS - 1;
  private readonly keys: string[] = [];
  private readonly ids: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The order id stored for `key`, or undefined. */
  get(key: string): number | undefined {
    const e = this.find(key, hashOf(key));
    return e < 0 ? undefined : this.ids[e];
  }

  has(key: string): boolean {
    return this.find(key, hashOf(key)) >= 0;
  }

  /** Adds a key known to be absent (asserted). */
  insert(key: string, orderId: number): void {
    const h = hashOf(key);
    assert(this.find(key, h) < 0, `client id ${key} is already taken`);
    if ((this.keys.length + 1) * 2 > this.mask + 1) this.grow();
    this.keys.push(key);
    this.ids.push(orderId);
    this.place(h, this.keys.length);
  }

  /** Entries in insertion order (snapshots). */
  entries(): [string, number][] {
    return this.keys.map((k, i) => [k, this.ids[i] as number]);
  }

  private find(key: string, h: number): number {
    const slots = this.slots;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const e = slots[2 * i + 1] as number;
      if (e === 0) return -1;
      if (slots[2 * i] === h && this.keys[e - 1] === key) return e - 1;
    }
  }

  private place(h: number, entryPlusOne: number): void {
    const slots = this.slots;
    let i = h & this.mask;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    slots[2 * i] = h;
    slots[2 * i + 1] = entryPlusOne;
  }

  private grow(): void {
    const n = (this.mask + 1) * 2;
    assert(n <= MAX_SLOTS, 'client id table full');
    const old = this.slots;
    this.slots = new Int32Array(n * 2);
    this.mask = n - 1;
    // Re-place by the stored hashes, in entry order (the table's layout stays a function of the keys).
    const byEntry = new Int32Array(this.keys.length);
    for (let i = 0; i < old.length; i += 2)
      if (old[i + 1] !== 0) byEntry[(old[i + 1] as number) - 1] = old[i] as number;
    for (let e = 0; e < byEntry.length; e++) this.place(byEntry[e] as number, e + 1);
  }
}
