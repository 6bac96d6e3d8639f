import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from './order-book';
import { NaiveBook } from './testing/naive-book';
import { L2Mirror, RecordingSink } from './testing/recording-sink';
import type { BookOrder, SelfTradeMode, Side } from './types';

/**
 * The fast book against the naive one (testing/naive-book.ts) on the same random operation
 * sequences: every outcome, fill, self-trade event, cancel and reduce result must agree, and after
 * every step the depth, the resting orders in priority order, an L2 mirror fed only by deltas and
 * `validate()` must too. fast-check prints the seed and the shrunk sequence on failure.
 */

type Op =
  | {
      k: 'submit';
      side: Side;
      type: 'limit' | 'market';
      price: number;
      qty: number;
      tif: 'GTC' | 'IOC' | 'FOK';
      postOnly: boolean;
      owner: number;
      reuseId: number | null;
    }
  | { k: 'cancel'; pick: number; known: boolean }
  | { k: 'reduce'; pick: number; by: number }
  | { k: 'bad'; field: keyof BookOrder; value: unknown }
  | { k: 'roundtrip' };

const submitArb = fc.record({
  k: fc.constant('submit' as const),
  side: fc.constantFrom<Side>('buy', 'sell'),
  type: fc.oneof(
    { weight: 5, arbitrary: fc.constant('limit' as const) },
    { weight: 1, arbitrary: fc.constant('market' as const) },
  ),
  price: fc.integer({ min: 95, max: 105 }),
  qty: fc.integer({ min: 1, max: 30 }),
  tif: fc.oneof(
    { weight: 6, arbitrary: fc.constant('GTC' as const) },
    fc.constant('IOC' as const),
    fc.constant('FOK' as const),
  ),
  postOnly: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, fc.constant(true)),
  owner: fc.integer({ min: 0, max: 3 }),
  reuseId: fc.oneof({ weight: 15, arbitrary: fc.constant(null) }, fc.nat()),
});

const BAD_VALUES = [Number.NaN, -1, 0, 1.5, 2 ** 60, Number.POSITIVE_INFINITY, 'x', undefined, null];
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: submitArb },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('cancel' as const), pick: fc.nat(), known: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('reduce' as const), pick: fc.nat(), by: fc.integer({ min: -2, max: 40 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('bad' as const),
      field: fc.constantFrom<keyof BookOrder>(
        'orderId',
        'ownerId',
        'side',
        'type',
        'priceTicks',
        'qtyLots',
        'tif',
        'postOnly',
      ),
      value: fc.constantFrom(...BAD_VALUES),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'roundtrip' as const }) },
);

class Harness {
  fast: OrderBook;
  readonly naive: NaiveBook;
  readonly mirror = new L2Mirror();
  readonly fastSink = new RecordingSink();
  readonly naiveSink = new RecordingSink();
  nextId = 1;
  /** Without the book's id index (`indexById: false`), the slots the caller keeps, as the engine does. */
  readonly slots = new Map<number, number>();

  constructor(
    readonly mode: SelfTradeMode,
    readonly indexed = true,
  ) {
    this.fast = new OrderBook({ selfTrade: mode, depthListener: this.mirror, initialCapacity: 4, indexById: indexed });
    this.naive = new NaiveBook(mode);
  }

  /** An id not resting: one that rested once (its kept slot may hold another order now), else unknown. */
  goneId(pick: number): number {
    const live = new Set(this.naive.orders.map((o) => o.orderId));
    const gone = [...this.slots.keys()].filter((id) => !live.has(id));
    return this.indexed || gone.length === 0 || pick % 2 === 0 ? 1e9 + pick : (gone[pick % gone.length] as number);
  }

  private cancel(id: number): number {
    return this.indexed ? this.fast.cancel(id) : this.fast.cancelAt(this.slots.get(id) ?? -1, id);
  }

  private reduce(id: number, qty: number): string {
    return this.indexed ? this.fast.reduce(id, qty) : this.fast.reduceAt(this.slots.get(id) ?? -1, id, qty);
  }

  liveId(pick: number): number {
    const ids = this.naive.orders.map((o) => o.orderId).sort((a, b) => a - b);
    return ids.length === 0 ? 1e9 + pick : (ids[pick % ids.length] as number);
  }

  run(op: Op): void {
    switch (op.k) {
      case 'submit':
      case 'bad':
        this.submit(op);
        return;
      case 'cancel': {
        const id = op.known ? this.liveId(op.pick) : this.goneId(op.pick);
        expect(this.cancel(id)).toBe(this.naive.cancel(id));
        return;
      }
      case 'reduce': {
        const id = this.liveId(op.pick);
        const qty = this.naive.orders.find((o) => o.orderId === id)?.qtyLots ?? 5;
        expect(this.reduce(id, qty - op.by)).toBe(this.naive.reduce(id, qty - op.by));
        return;
      }
      case 'roundtrip':
        this.roundtrip();
        return;
    }
  }

  private submit(op: Extract<Op, { k: 'submit' | 'bad' }>): void {
    const order: BookOrder =
      op.k === 'submit'
        ? {
            // Without an index the caller guarantees unique ids: no reuse then.
            orderId: op.reuseId === null || !this.indexed ? this.nextId++ : this.liveId(op.reuseId),
            ownerId: op.owner,
            side: op.side,
            type: op.type,
            priceTicks: op.price,
            qtyLots: op.qty,
            tif: op.tif,
            postOnly: op.postOnly,
          }
        : { ...goodOrder(this.nextId++), [op.field]: op.value };
    const got = this.fast.submit(order, this.fastSink);
    const want = this.naive.submit(order, this.naiveSink);
    expect(got).toBe(want);
    const rested = got === 'rested' || got === 'partially-filled-rested';
    expect(this.fast.lastRestedSlot >= 0).toBe(rested);
    if (rested) this.slots.set(order.orderId, this.fast.lastRestedSlot);
    expect(this.fastSink.take()).toEqual(this.naiveSink.take());
    expect([this.fast.lastFilledLots, this.fast.lastRemainingLots]).toEqual([
      this.naive.lastFilledLots,
      this.naive.lastRemainingLots,
    ]);
  }

  /** Snapshot → JSON → a fresh book: the rest of the run proves priority survived. */
  private roundtrip(): void {
    const json = JSON.parse(JSON.stringify(this.fast.snapshot()));
    const fresh = new OrderBook({ selfTrade: this.mode, depthListener: this.mirror, indexById: this.indexed });
    expect(fresh.restore(json)).toBe('restored');
    expect(fresh.seq).toBe(this.fast.seq);
    this.fast = fresh;
    this.slots.clear();
    fresh.forEachSlot((id, slot) => this.slots.set(id, slot));
  }

  check(): void {
    this.fast.validate();
    const d = this.fast.depth();
    const levels = (ls: typeof d.bids) => ls.map((l) => [l.priceTicks, l.totalLots, l.orderCount]);
    expect({ bids: levels(d.bids), asks: levels(d.asks) }).toEqual(this.naive.depth());
    const mirrored = this.mirror.levels();
    expect(mirrored).toEqual({
      bids: d.bids.map((l) => [l.priceTicks, l.totalLots]),
      asks: d.asks.map((l) => [l.priceTicks, l.totalLots]),
    });
    expect(this.mirror.seq).toBe(this.fast.seq);
    const resting: unknown[] = [];
    this.fast.forEachResting((...o) => resting.push(o));
    expect(resting).toEqual(this.naive.resting());
    this.fast.forEachSlot((id, slot) => {
      expect(this.slots.get(id)).toBe(slot);
      expect(this.fast.holdsAt(slot, id)).toBe(true);
    });
    expect(this.fast.size).toBe(this.naive.orders.length);
  }
}

function goodOrder(orderId: number): BookOrder {
  return { orderId, ownerId: 1, side: 'buy', type: 'limit', priceTicks: 100, qtyLots: 5, tif: 'GTC', postOnly: false };
}

describe.each<SelfTradeMode>(['cancel-resting', 'cancel-incoming', 'none'])(
  'fast book = naive book, self-trade %s',
  (mode) => {
    it('agrees on every fill, outcome and level over random operation sequences', () => {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 1, maxLength: 400, size: 'max' }), (ops) => {
          const h = new Harness(mode);
          for (const op of ops) {
            h.run(op);
            h.check();
          }
        }),
        { numRuns: 60 },
      );
    });

    it('agrees without the id index (the caller keeps slots: cancelAt, reduceAt), as the engine uses it', () => {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 1, maxLength: 400, size: 'max' }), (ops) => {
          const h = new Harness(mode, false);
          for (const op of ops) {
            h.run(op);
            h.check();
          }
        }),
        { numRuns: 40 },
      );
    });

    it('agrees over a few long sequences (thousands of operations, a deeper book)', () => {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 3000, maxLength: 4000, size: 'max' }), (ops) => {
          const h = new Harness(mode);
          for (const op of ops) {
            h.run(op);
            h.check();
          }
        }),
        { numRuns: 2 },
      );
    });

    it('agrees with fokFillable: FOK fills exactly when the helper says it can', () => {
      fc.assert(
        fc.property(fc.array(submitArb, { maxLength: 60, size: 'max' }), submitArb, (ops, probe) => {
          const h = new Harness(mode);
          for (const op of ops) h.run(op);
          const order: BookOrder = { ...goodOrder(h.nextId++), side: probe.side, type: probe.type };
          Object.assign(order, { priceTicks: probe.price, qtyLots: probe.qty, ownerId: probe.owner, tif: 'FOK' });
          const fillable = h.fast.fokFillable(order);
          const outcome = h.fast.submit(order, h.fastSink);
          expect(outcome === 'filled').toBe(fillable);
          h.fast.validate();
        }),
        { numRuns: 200 },
      );
    });
  },
);
