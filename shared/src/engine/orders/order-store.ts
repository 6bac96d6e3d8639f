import {
  ORDER_STATUSES,
  ORDER_TYPES,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  TIMES_IN_FORCE,
  type TimeInForce,
} from '../../domain/order';
import { assert } from '../../util/assert';
import { ReusableList } from '../core/reusable-list';
import type { BracketSpec, OrderRecord } from '../core/state';

/** The null slot (end of a list, no order). */
export const NIL = -1;

/**
 * Slot layout: 88 bytes, eleven float64 words, the last three also seen as six int32 words. What
 * a plain limit or stop order needs lives here; the rarely used fields (trailing distance, expiry,
 * OCO and bracket links) live in an `OrderExtra` object only for orders that have them.
 */
const WORDS = 11;
const INTS = 22;
const ID = 0;
const PRICE = 1;
const TRIGGER = 2;
const QTY = 3;
const FILLED = 4;
/** The reservation in minor units when it is a safe integer, else NaN and the bigint in `bigHolds`. */
const HOLD = 5;
const HOLD_LOTS = 6;
const WORKING = 7;
const ACCT = 16;
const META = 17;
const PREV = 18;
const NEXT = 19;
/** The order's slot in its book while it rests (the book keeps no id index: book/types.ts `indexById`). */
const BOOK_SLOT = 20;

/** META bits; the instrument index takes the top 16 (so at most 65,536 instruments, see config). */
const SELL = 1;
const TYPE_SHIFT = 1;
const TIF_SHIFT = 4;
const POST_ONLY = 1 << 7;
const REDUCE_ONLY = 1 << 8;
const STATUS_SHIFT = 9;
const IN_BOOK = 1 << 12;
const HOLD_DEFERRED = 1 << 13;
const HAS_EXTRA = 1 << 14;
/** In the id index (open); cleared when the order leaves. */
const REGISTERED = 1 << 15;
const INST_SHIFT = 16;
/** META of a free slot. */
const FREE = -1;
export const INSTRUMENTS_MAX = 1 << 16;

/** Index of `v` in a short closed list (a loop of identity compares: no hashing per order). */
function indexIn(list: readonly string[], v: string): number {
  for (let k = 0; k < list.length; k++) if (list[k] === v) return k;
  return -1;
}

/** The fields few orders use; absent (all zero) for the rest. */
export type OrderExtra = {
  trailTicks: number;
  trailBps: number;
  expireAtMs: number;
  ocoId: number;
  parentId: number;
  bracket: BracketSpec | null;
  takeProfitId: number;
  stopLossId: number;
  coveredLots: number;
};

const NO_EXTRA: Readonly<OrderExtra> = Object.freeze({
  trailTicks: 0,
  trailBps: 0,
  expireAtMs: 0,
  ocoId: 0,
  parentId: 0,
  bracket: null,
  takeProfitId: 0,
  stopLossId: 0,
  coveredLots: 0,
});

/** The fields of a new order its spec gives (a checked spec, or a plain order being restored). */
export type NewOrderSpec = {
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  readonly priceTicks: number;
  readonly qtyLots: number;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  readonly trailTicks: number;
  readonly trailBps: number;
};

const PAGE_BITS = 8;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;
type Page = { live: number; readonly slots: Int32Array };
const MAX_SLOTS = 1 << 26;

/**
 * The engine's orders, struct-of-arrays: one ArrayBuffer of 80-byte slots indexed by slot number
 * (float64 words for prices, quantities and the reservation; int32 words for the account, the
 * packed flags and the account's open-order links), client ids in a side array, the rare fields
 * in `OrderExtra` objects. A million open orders are then one buffer the garbage collector never
 * scans, a few strings and an index, not a million 30-field objects each with a bigint.
 *
 * Open orders are found by id through pages of 256 consecutive ids (ids are issued by a counter
 * and registered in increasing order) behind a small map of live pages: a new order goes into
 * the page of the previous one, a lookup is one probe of a map with 1/256 as many entries as
 * orders. A page is freed when its last order leaves (the current page stays), so pages ≤ open
 * orders + 1 (worst case ~1 KB per open order).
 *
 * Slot life: `alloc` (a prepared order), `register` (accepted: in the id index), `remove` (ended:
 * out of the index, fields still readable), then at the end of the command the slot is free
 * again (`endCommand`), as are slots allocated for orders that were never accepted. Code later in
 * the same command reads ended orders (fills, OCO siblings, reports); nothing keeps a slot across
 * commands once its order has ended.
 */
export class OrderStore {
  private f: Float64Array;
  private i: Int32Array;
  private cids: string[];
  private cap: number;
  private freeHead = NIL;
  private readonly extras = new Map<number, OrderExtra>();
  private readonly bigHolds = new Map<number, bigint>();
  private readonly fresh = new ReusableList<number>();
  private readonly retired = new ReusableList<number>();
  private readonly pages = new Map<number, Page>();
  private count = 0;
  private lastIx = -1;
  private lastPage: Page | undefined;
  private maxId = 0;

  constructor(capacity = 1024) {
    this.cap = Math.max(16, capacity);
    this.f = new Float64Array(this.cap * WORDS);
    this.i = new Int32Array(this.f.buffer);
    this.cids = new Array<string>(this.cap).fill('');
    this.pushFree(0, this.cap);
  }

  /** Open orders. */
  get size(): number {
    return this.count;
  }

  // ---- slots ----

  /**
   * A slot for a new order holding `n` and the rest (every other field zero); free again at the
   * end of the command unless registered. Plain arguments, not an object: one fewer per order.
   */
  alloc(
    n: NewOrderSpec,
    orderId: number,
    accountIx: number,
    instIx: number,
    workingTicks: number,
    triggerTicks: number,
    expireAtMs: number,
  ): number {
    if (this.freeHead === NIL) this.grow();
    const s = this.freeHead;
    this.freeHead = this.i[s * INTS + NEXT] as number;
    const i = this.i;
    i[s * INTS + ACCT] = accountIx;
    i[s * INTS + META] =
      (n.side === 'sell' ? SELL : 0) |
      (indexIn(ORDER_TYPES, n.type) << TYPE_SHIFT) |
      (indexIn(TIMES_IN_FORCE, n.tif) << TIF_SHIFT) |
      (n.postOnly ? POST_ONLY : 0) |
      (n.reduceOnly ? REDUCE_ONLY : 0) |
      (instIx << INST_SHIFT);
    i[s * INTS + PREV] = NIL;
    i[s * INTS + NEXT] = NIL;
    i[s * INTS + BOOK_SLOT] = NIL;
    const f = this.f;
    f[s * WORDS + ID] = orderId;
    f[s * WORDS + PRICE] = n.priceTicks;
    f[s * WORDS + TRIGGER] = triggerTicks;
    f[s * WORDS + QTY] = n.qtyLots;
    f[s * WORDS + WORKING] = workingTicks;
    // Every other word starts at zero (stores, not fill(): a builtin call per order costs more).
    f[s * WORDS + FILLED] = 0;
    f[s * WORDS + HOLD] = 0;
    f[s * WORDS + HOLD_LOTS] = 0;
    this.cids[s] = n.clientOrderId;
    if (n.trailTicks !== 0 || n.trailBps !== 0 || expireAtMs !== 0) {
      const x = this.extra(s);
      x.trailTicks = n.trailTicks;
      x.trailBps = n.trailBps;
      x.expireAtMs = expireAtMs;
    }
    this.fresh.push(s);
    return s;
  }

  /** Called once per command after all its work: ended orders' slots and unused new ones are free. */
  endCommand(): void {
    for (let k = 0; k < this.retired.length; k++) this.release(this.retired.at(k));
    for (let k = 0; k < this.fresh.length; k++) {
      const s = this.fresh.at(k);
      const m = this.i[s * INTS + META] as number;
      if (m !== FREE && (m & REGISTERED) === 0) this.release(s);
    }
    this.retired.clear();
    this.fresh.clear();
  }

  private release(s: number): void {
    const i = this.i;
    if ((i[s * INTS + META] as number) & HAS_EXTRA) this.extras.delete(s);
    if (Number.isNaN(this.f[s * WORDS + HOLD])) this.bigHolds.delete(s);
    i[s * INTS + META] = FREE;
    this.cids[s] = '';
    i[s * INTS + NEXT] = this.freeHead;
    this.freeHead = s;
  }

  private pushFree(from: number, to: number): void {
    for (let s = to - 1; s >= from; s--) {
      this.i[s * INTS + META] = FREE;
      this.i[s * INTS + NEXT] = this.freeHead;
      this.freeHead = s;
    }
  }

  private grow(): void {
    const cap = this.cap * 2;
    assert(cap <= MAX_SLOTS, 'order store full');
    const f = new Float64Array(cap * WORDS);
    f.set(this.f);
    this.f = f;
    this.i = new Int32Array(f.buffer);
    // One array of the new size, not a push (and a possible reallocation) per new slot.
    const cids = new Array<string>(cap);
    for (let s = 0; s < this.cap; s++) cids[s] = this.cids[s] as string;
    for (let s = this.cap; s < cap; s++) cids[s] = '';
    this.cids = cids;
    this.pushFree(this.cap, cap);
    this.cap = cap;
  }

  // ---- the id index ----

  /** The open order's slot, NIL when no open order has this id. */
  slotOf(orderId: number): number {
    if (!(orderId > 0 && orderId <= this.maxId && Number.isSafeInteger(orderId))) return NIL;
    const p = this.page(Math.floor(orderId / PAGE_SIZE));
    return p === undefined ? NIL : (p.slots[orderId & PAGE_MASK] as number) - 1;
  }

  has(orderId: number): boolean {
    return this.slotOf(orderId) !== NIL;
  }

  /** The slot holds an open order (registered, not yet ended). */
  isOpen(s: number): boolean {
    const m = this.i[s * INTS + META] as number;
    return m !== FREE && (m & REGISTERED) !== 0;
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

  /** Puts an allocated order into the id index; ids must increase (asserted). */
  register(s: number): void {
    const orderId = this.f[s * WORDS + ID] as number;
    if (!(orderId > this.maxId)) assert(false, 'order ids must increase');
    const pageIx = Math.floor(orderId / PAGE_SIZE);
    const prevIx = Math.floor(this.maxId / PAGE_SIZE);
    this.maxId = orderId;
    let p = this.page(pageIx);
    if (p === undefined) {
      // The page new ids go into stays while it is current, even empty (orders that die at once
      // would otherwise free and rebuild it every time); once ids move on, an empty one goes.
      if (prevIx !== pageIx && this.pages.get(prevIx)?.live === 0) this.pages.delete(prevIx);
      p = { live: 0, slots: new Int32Array(PAGE_SIZE) };
      this.pages.set(pageIx, p);
      this.lastIx = pageIx;
      this.lastPage = p;
    }
    p.slots[orderId & PAGE_MASK] = s + 1;
    p.live++;
    this.count++;
    this.i[s * INTS + META] = (this.i[s * INTS + META] as number) | REGISTERED;
  }

  /** Takes an open order out of the index; its slot stays readable until the command ends. */
  remove(s: number): void {
    const orderId = this.f[s * WORDS + ID] as number;
    const pageIx = Math.floor(orderId / PAGE_SIZE);
    const p = this.page(pageIx);
    if (p === undefined || p.slots[orderId & PAGE_MASK] !== s + 1) assert(false, 'removing an order not open');
    p.slots[orderId & PAGE_MASK] = 0;
    p.live--;
    this.count--;
    if (p.live === 0 && pageIx !== Math.floor(this.maxId / PAGE_SIZE)) {
      this.pages.delete(pageIx);
      if (this.lastIx === pageIx) {
        this.lastIx = -1;
        this.lastPage = undefined;
      }
    }
    this.i[s * INTS + META] = (this.i[s * INTS + META] as number) & ~REGISTERED;
    this.retired.push(s);
  }

  /** Open orders' slots in id order (a copy: callers may end orders while walking it). */
  openSlots(): number[] {
    const out: number[] = [];
    // Pages are created in increasing index order (ids only increase), so the map's order is sorted.
    for (const p of this.pages.values()) for (const v of p.slots) if (v !== 0) out.push(v - 1);
    assert(out.length === this.count, 'order index count disagrees with its pages');
    return out;
  }

  /** A plain copy of the open order (for readers outside the engine), or undefined. */
  get(orderId: number): OrderRecord | undefined {
    const s = this.slotOf(orderId);
    return s === NIL ? undefined : this.view(s);
  }

  /** Plain copies of the open orders in id order. */
  values(): OrderRecord[] {
    return this.openSlots().map((s) => this.view(s));
  }

  keys(): number[] {
    return this.openSlots().map((s) => this.orderId(s));
  }

  /** The order as a plain object, fields in the order snapshots have always had. */
  view(s: number): OrderRecord {
    const x = this.extraOf(s);
    return {
      orderId: this.orderId(s),
      accountIx: this.accountIx(s),
      clientOrderId: this.clientOrderId(s),
      instIx: this.instIx(s),
      side: this.side(s),
      type: this.type(s),
      tif: this.tif(s),
      priceTicks: this.priceTicks(s),
      triggerTicks: this.triggerTicks(s),
      trailTicks: x.trailTicks,
      trailBps: x.trailBps,
      qtyLots: this.qtyLots(s),
      filledLots: this.filledLots(s),
      status: this.status(s),
      postOnly: this.postOnly(s),
      reduceOnly: this.reduceOnly(s),
      expireAtMs: x.expireAtMs,
      holdMinor: this.holdMinor(s),
      holdLots: this.holdLots(s),
      workingTicks: this.workingTicks(s),
      inBook: this.inBook(s),
      ocoId: x.ocoId,
      bracket: x.bracket === null ? null : { ...x.bracket },
      parentId: x.parentId,
      takeProfitId: x.takeProfitId,
      stopLossId: x.stopLossId,
      coveredLots: x.coveredLots,
      holdDeferred: this.holdDeferred(s),
    };
  }

  /** Restores an open order from its plain form (snapshots): allocated, registered, every field set. */
  restore(o: OrderRecord): number {
    const s = this.alloc(o, o.orderId, o.accountIx, o.instIx, o.workingTicks, o.triggerTicks, o.expireAtMs);
    this.setStatus(s, o.status);
    this.setFilledLots(s, o.filledLots);
    this.setHold(s, o.holdMinor);
    this.setHoldLots(s, o.holdLots);
    this.setInBook(s, o.inBook);
    this.setHoldDeferred(s, o.holdDeferred);
    if (o.ocoId !== 0) this.extra(s).ocoId = o.ocoId;
    if (o.parentId !== 0) this.extra(s).parentId = o.parentId;
    if (o.bracket !== null) this.extra(s).bracket = { ...o.bracket };
    if (o.takeProfitId !== 0) this.extra(s).takeProfitId = o.takeProfitId;
    if (o.stopLossId !== 0) this.extra(s).stopLossId = o.stopLossId;
    if (o.coveredLots !== 0) this.extra(s).coveredLots = o.coveredLots;
    this.register(s);
    return s;
  }

  // ---- fields ----

  orderId(s: number): number {
    return this.f[s * WORDS + ID] as number;
  }
  /** Only for an order being prepared (an OCO's second leg takes the next id). */
  setOrderId(s: number, id: number): void {
    this.f[s * WORDS + ID] = id;
  }
  accountIx(s: number): number {
    return this.i[s * INTS + ACCT] as number;
  }
  instIx(s: number): number {
    return (this.i[s * INTS + META] as number) >>> INST_SHIFT;
  }
  clientOrderId(s: number): string {
    return this.cids[s] as string;
  }
  side(s: number): OrderSide {
    return (this.i[s * INTS + META] as number) & SELL ? 'sell' : 'buy';
  }
  isBuy(s: number): boolean {
    return ((this.i[s * INTS + META] as number) & SELL) === 0;
  }
  type(s: number): OrderType {
    return ORDER_TYPES[((this.i[s * INTS + META] as number) >> TYPE_SHIFT) & 7] as OrderType;
  }
  /** market or limit (not waiting for a trigger). */
  isConditional(s: number): boolean {
    return (((this.i[s * INTS + META] as number) >> TYPE_SHIFT) & 7) > 1;
  }
  tif(s: number): TimeInForce {
    return TIMES_IN_FORCE[((this.i[s * INTS + META] as number) >> TIF_SHIFT) & 7] as TimeInForce;
  }
  postOnly(s: number): boolean {
    return ((this.i[s * INTS + META] as number) & POST_ONLY) !== 0;
  }
  reduceOnly(s: number): boolean {
    return ((this.i[s * INTS + META] as number) & REDUCE_ONLY) !== 0;
  }
  status(s: number): OrderStatus {
    return ORDER_STATUSES[((this.i[s * INTS + META] as number) >> STATUS_SHIFT) & 7] as OrderStatus;
  }
  setStatus(s: number, status: OrderStatus): void {
    const m = this.i[s * INTS + META] as number;
    this.i[s * INTS + META] = (m & ~(7 << STATUS_SHIFT)) | (indexIn(ORDER_STATUSES, status) << STATUS_SHIFT);
  }
  /** The book's slot of a resting order (meaningful while `inBook`). */
  bookSlot(s: number): number {
    return this.i[s * INTS + BOOK_SLOT] as number;
  }
  setBookSlot(s: number, v: number): void {
    this.i[s * INTS + BOOK_SLOT] = v;
  }
  inBook(s: number): boolean {
    return ((this.i[s * INTS + META] as number) & IN_BOOK) !== 0;
  }
  setInBook(s: number, v: boolean): void {
    this.flag(s, IN_BOOK, v);
  }
  holdDeferred(s: number): boolean {
    return ((this.i[s * INTS + META] as number) & HOLD_DEFERRED) !== 0;
  }
  setHoldDeferred(s: number, v: boolean): void {
    this.flag(s, HOLD_DEFERRED, v);
  }
  private flag(s: number, bit: number, v: boolean): void {
    const m = this.i[s * INTS + META] as number;
    this.i[s * INTS + META] = v ? m | bit : m & ~bit;
  }
  priceTicks(s: number): number {
    return this.f[s * WORDS + PRICE] as number;
  }
  setPriceTicks(s: number, v: number): void {
    this.f[s * WORDS + PRICE] = v;
  }
  triggerTicks(s: number): number {
    return this.f[s * WORDS + TRIGGER] as number;
  }
  setTriggerTicks(s: number, v: number): void {
    this.f[s * WORDS + TRIGGER] = v;
  }
  qtyLots(s: number): number {
    return this.f[s * WORDS + QTY] as number;
  }
  setQtyLots(s: number, v: number): void {
    this.f[s * WORDS + QTY] = v;
  }
  filledLots(s: number): number {
    return this.f[s * WORDS + FILLED] as number;
  }
  setFilledLots(s: number, v: number): void {
    this.f[s * WORDS + FILLED] = v;
  }
  remainingLots(s: number): number {
    return (this.f[s * WORDS + QTY] as number) - (this.f[s * WORDS + FILLED] as number);
  }
  workingTicks(s: number): number {
    return this.f[s * WORDS + WORKING] as number;
  }
  setWorkingTicks(s: number, v: number): void {
    this.f[s * WORDS + WORKING] = v;
  }
  holdLots(s: number): number {
    return this.f[s * WORDS + HOLD_LOTS] as number;
  }
  setHoldLots(s: number, v: number): void {
    this.f[s * WORDS + HOLD_LOTS] = v;
  }
  /** The reservation as an exact double, NaN when it is beyond 2^53 (then `holdMinor`). */
  holdNum(s: number): number {
    return this.f[s * WORDS + HOLD] as number;
  }
  holdMinor(s: number): bigint {
    const v = this.f[s * WORDS + HOLD] as number;
    return Number.isNaN(v) ? (this.bigHolds.get(s) as bigint) : BigInt(v);
  }
  /** Sets the reservation from an exact double (a safe integer). */
  setHoldNum(s: number, v: number): void {
    if (Number.isNaN(this.f[s * WORDS + HOLD])) this.bigHolds.delete(s);
    this.f[s * WORDS + HOLD] = v;
  }
  setHold(s: number, v: bigint): void {
    if (v <= 9007199254740991n && v >= -9007199254740991n) this.setHoldNum(s, Number(v));
    else {
      this.f[s * WORDS + HOLD] = Number.NaN;
      this.bigHolds.set(s, v);
    }
  }

  // ---- the rare fields ----

  /** The order's rare fields (a shared all-zero object when it has none: read only). */
  extraOf(s: number): Readonly<OrderExtra> {
    return (this.i[s * INTS + META] as number) & HAS_EXTRA ? (this.extras.get(s) as OrderExtra) : NO_EXTRA;
  }
  /** The order's rare fields, created on first use, for writing. */
  extra(s: number): OrderExtra {
    const m = this.i[s * INTS + META] as number;
    if (m & HAS_EXTRA) return this.extras.get(s) as OrderExtra;
    const x: OrderExtra = { ...NO_EXTRA };
    this.extras.set(s, x);
    this.i[s * INTS + META] = m | HAS_EXTRA;
    return x;
  }
  ocoId(s: number): number {
    return (this.i[s * INTS + META] as number) & HAS_EXTRA ? (this.extras.get(s) as OrderExtra).ocoId : 0;
  }
  setOcoId(s: number, v: number): void {
    if (v !== 0 || this.ocoId(s) !== 0) this.extra(s).ocoId = v;
  }
  hasExtra(s: number): boolean {
    return ((this.i[s * INTS + META] as number) & HAS_EXTRA) !== 0;
  }
  expireAtMs(s: number): number {
    return this.extraOf(s).expireAtMs;
  }

  // ---- an account's open-order list (links in the slots) ----

  prevOpen(s: number): number {
    return this.i[s * INTS + PREV] as number;
  }
  nextOpen(s: number): number {
    return this.i[s * INTS + NEXT] as number;
  }
  setPrevOpen(s: number, v: number): void {
    this.i[s * INTS + PREV] = v;
  }
  setNextOpen(s: number, v: number): void {
    this.i[s * INTS + NEXT] = v;
  }
}
