import { assert } from '../../util/assert';

const MIN_SLOTS = 16;
/** Entries per account are bounded by its open orders plus its window; 2^28 slots is far beyond any. */
const MAX_SLOTS = 1 << 28;
/** `endedAt` of an entry whose order is still open. */
const OPEN = -1;
const ROW = 3;
const ID = 0;
const ENDED_AT = 1;
const END_SEQ = 2;
/** Doubles per element of the ended ring. */
const RING = 4;

/** FNV-1a (32 bit) over UTF-16 code units: cheap for the short ids clients use. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** How long an ended order's client id stays taken: the account's `clientIdWindow*` limits. */
export type ClientIdWindow = { readonly clientIdWindow: number; readonly clientIdWindowMs: number };

/**
 * One account's client order ids (idempotency keys) → order ids. The id of an open order is
 * always taken; once the order ends it stays taken while it is among the account's last
 * `clientIdWindow` ended ids and ended less than `clientIdWindowMs` ago (command time), then it
 * is forgotten and may be used again. So the table holds at most open orders + window entries.
 *
 * Whether an id is taken is a pure function of the entries, the time and the limits (`taken`);
 * entries past the window are dropped physically only when the table changes (`insert`, `end`),
 * so a rejected command changes nothing. An open-addressing table of (hash, entry) pairs in one
 * Int32Array with linear probing at load ≤ 1/2 and backward-shift deletion; keys, order ids and
 * end times in arrays by entry; ended entries in a FIFO ring in end order.
 */
export class ClientIdTable {
  /** [hash, entry + 1] per slot; entry + 1 = 0 marks an empty slot. */
  private slots = new Int32Array(MIN_SLOTS * 2);
  private mask = MIN_SLOTS - 1;
  private readonly keys: string[] = [];
  /**
   * Per entry, one row of ROW doubles (a row is one cache miss, not three): the order id, the
   * command time the order ended (OPEN while open), and its position in the account's sequence
   * of ended ids.
   */
  private rows = new Float64Array(MIN_SLOTS * ROW);
  private readonly freeEntries: number[] = [];
  private live = 0;
  /**
   * Ended entries, oldest first: element k < ringLen at ((head + k) & ringMask) × RING, holding
   * [entry, hash, ended at, end sequence], so dropping the oldest reads only this small ring.
   */
  private ring = new Float64Array(MIN_SLOTS * RING);
  private ringMask = MIN_SLOTS - 1;
  private head = 0;
  private ringLen = 0;
  private nextSeq = 0;
  /** The last key hashed and its hash: an order's `taken` and `insert` hash its key once. */
  private lastKey = '';
  private lastHash = hashOf('');

  /** Entries held (open and ended, including any not yet dropped). */
  get size(): number {
    return this.live;
  }

  /** The order id last stored for `key` (open or ended, even past the window), or undefined. */
  get(key: string): number | undefined {
    const e = this.find(key, this.hash(key));
    return e < 0 ? undefined : this.rows[e * ROW + ID];
  }

  /** True when `key` may not be used for a new order at `nowMs`. */
  taken(key: string, nowMs: number, w: ClientIdWindow): boolean {
    const e = this.find(key, this.hash(key));
    return e >= 0 && this.keeps(e, nowMs, w);
  }

  private hash(key: string): number {
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastHash = hashOf(key);
    }
    return this.lastHash;
  }

  private keeps(e: number, nowMs: number, w: ClientIdWindow): boolean {
    const at = this.rows[e * ROW + ENDED_AT] as number;
    if (at === OPEN) return true;
    return (
      nowMs - at < w.clientIdWindowMs && this.nextSeq - (this.rows[e * ROW + END_SEQ] as number) < w.clientIdWindow
    );
  }

  /** Adds the id of a newly accepted order; the id must not be taken (asserted). */
  insert(key: string, orderId: number, nowMs: number, w: ClientIdWindow): void {
    this.dropForgotten(nowMs, w);
    const h = this.hash(key);
    const old = this.find(key, h);
    if (old >= 0) {
      if (this.keeps(old, nowMs, w)) assert(false, `client id ${key} is already taken`);
      this.unlinkRing(old);
      this.delete(old, h);
    }
    this.add(key, h, orderId, OPEN, 0);
  }

  private add(key: string, h: number, orderId: number, endedAt: number, endSeq: number): number {
    if ((this.live + 1) * 2 > this.mask + 1) this.grow();
    const e = this.freeEntries.length > 0 ? (this.freeEntries.pop() as number) : this.keys.length;
    if ((e + 1) * ROW > this.rows.length) {
      const rows = new Float64Array(Math.ceil((this.rows.length * 3) / (2 * ROW)) * ROW);
      rows.set(this.rows);
      this.rows = rows;
    }
    this.keys[e] = key;
    const r = e * ROW;
    this.rows[r + ID] = orderId;
    this.rows[r + ENDED_AT] = endedAt;
    this.rows[r + END_SEQ] = endSeq;
    this.live++;
    this.place(h, e + 1);
    return e;
  }

  /** The order holding `key` ended at `nowMs`: its id now counts against the window. */
  end(key: string, orderId: number, nowMs: number, w: ClientIdWindow): void {
    const h = hashOf(key);
    const e = this.find(key, h);
    const r = e * ROW;
    if (!(e >= 0 && this.rows[r + ID] === orderId && this.rows[r + ENDED_AT] === OPEN))
      assert(false, `client id ${key} not open`);
    this.rows[r + ENDED_AT] = nowMs;
    this.rows[r + END_SEQ] = ++this.nextSeq;
    this.pushRing(e, h, nowMs, this.nextSeq);
    this.dropForgotten(nowMs, w);
  }

  /** Drops ended entries past the window, oldest first (they are forgotten already). */
  private dropForgotten(nowMs: number, w: ClientIdWindow): void {
    const ring = this.ring;
    while (this.ringLen > 0) {
      const at = this.head * RING;
      const endedAt = ring[at + 2] as number;
      const kept = nowMs - endedAt < w.clientIdWindowMs && this.nextSeq - (ring[at + 3] as number) < w.clientIdWindow;
      if (kept) return;
      this.head = (this.head + 1) & this.ringMask;
      this.ringLen--;
      this.delete(ring[at] as number, ring[at + 1] as number);
    }
  }

  /** Takes an ended entry out of the ring wherever it is (a forgotten key used again before its drop). */
  private unlinkRing(e: number): void {
    const ring = this.ring;
    const at = (k: number) => ((this.head + k) & this.ringMask) * RING;
    let k = 0;
    while (k < this.ringLen && ring[at(k)] !== e) k++;
    assert(k < this.ringLen, 'ended client id missing from its ring');
    for (; k + 1 < this.ringLen; k++) ring.copyWithin(at(k), at(k + 1), at(k + 1) + RING);
    this.ringLen--;
  }

  /** Open orders' entries in entry order, and ended ones oldest first with their end times (snapshots). */
  entries(): { open: [string, number][]; ended: [string, number, number][] } {
    const rows = this.rows;
    const open: [string, number][] = [];
    for (let e = 0; e < this.keys.length; e++)
      if (rows[e * ROW + ENDED_AT] === OPEN && this.keys[e] !== '')
        open.push([this.keys[e] as string, rows[e * ROW + ID] as number]);
    open.sort((a, b) => a[1] - b[1]);
    const ended: [string, number, number][] = [];
    for (let k = 0; k < this.ringLen; k++) {
      const e = this.ring[((this.head + k) & this.ringMask) * RING] as number;
      ended.push([this.keys[e] as string, rows[e * ROW + ID] as number, rows[e * ROW + ENDED_AT] as number]);
    }
    return { open, ended };
  }

  /** Rebuilds an ended entry (snapshots): inserted then ended at its time, in ring order. */
  restoreEnded(key: string, orderId: number, endedAtMs: number): void {
    const h = hashOf(key);
    assert(this.find(key, h) < 0, `client id ${key} restored twice`);
    this.nextSeq++;
    this.pushRing(this.add(key, h, orderId, endedAtMs, this.nextSeq), h, endedAtMs, this.nextSeq);
  }

  private pushRing(e: number, h: number, endedAt: number, endSeq: number): void {
    if (this.ringLen * RING === this.ring.length) this.growRing();
    const at = ((this.head + this.ringLen) & this.ringMask) * RING;
    this.ring[at] = e;
    this.ring[at + 1] = h;
    this.ring[at + 2] = endedAt;
    this.ring[at + 3] = endSeq;
    this.ringLen++;
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

  /** Removes entry `e`: backward-shift deletion keeps every probe chain unbroken. */
  private delete(e: number, h: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    while (slots[2 * i + 1] !== e + 1) i = (i + 1) & mask;
    for (let j = (i + 1) & mask; slots[2 * j + 1] !== 0; j = (j + 1) & mask) {
      const home = (slots[2 * j] as number) & mask;
      // The entry at j may move back to i unless its home lies cyclically in (i, j].
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (stays) continue;
      slots[2 * i] = slots[2 * j] as number;
      slots[2 * i + 1] = slots[2 * j + 1] as number;
      i = j;
    }
    slots[2 * i] = 0;
    slots[2 * i + 1] = 0;
    this.keys[e] = '';
    this.live--;
    this.freeEntries.push(e);
  }

  private grow(): void {
    const n = (this.mask + 1) * 2;
    assert(n <= MAX_SLOTS, 'client id table full');
    const old = this.slots;
    this.slots = new Int32Array(n * 2);
    this.mask = n - 1;
    // Re-place in entry order (the table's layout stays a function of its entries).
    const hashes = new Int32Array(this.keys.length);
    const used = new Uint8Array(this.keys.length);
    for (let i = 0; i < old.length; i += 2)
      if (old[i + 1] !== 0) {
        hashes[(old[i + 1] as number) - 1] = old[i] as number;
        used[(old[i + 1] as number) - 1] = 1;
      }
    for (let e = 0; e < used.length; e++) if (used[e]) this.place(hashes[e] as number, e + 1);
  }

  private growRing(): void {
    const n = (this.ringMask + 1) * 2;
    const ring = new Float64Array(n * RING);
    for (let k = 0; k < this.ringLen; k++) {
      const at = ((this.head + k) & this.ringMask) * RING;
      for (let w = 0; w < RING; w++) ring[k * RING + w] = this.ring[at + w] as number;
    }
    this.ring = ring;
    this.ringMask = n - 1;
    this.head = 0;
  }
}
