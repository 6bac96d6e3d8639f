import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, ORDER_TYPES, TIMES_IN_FORCE } from '../../domain/order';
import type { OrderRecord } from '../core/state';
import { ClientIdTable } from './client-ids';
import { OpenOrders } from './open-orders';
import { type NewOrderSpec, NIL, OrderStore } from './order-store';

type NewOrder = NewOrderSpec & {
  readonly orderId: number;
  readonly accountIx: number;
  readonly instIx: number;
  readonly triggerTicks: number;
  readonly workingTicks: number;
  readonly expireAtMs: number;
};

const spec = (orderId: number, over: Partial<NewOrder> = {}): NewOrder => ({
  orderId,
  accountIx: 3,
  instIx: 1,
  clientOrderId: `c${orderId}`,
  side: 'sell',
  type: 'stop_limit',
  tif: 'DAY',
  priceTicks: 100 + orderId,
  triggerTicks: 99,
  qtyLots: 2 ** 40 + orderId,
  workingTicks: 100,
  postOnly: false,
  reduceOnly: true,
  trailTicks: 0,
  trailBps: 0,
  expireAtMs: 0,
  ...over,
});

const alloc = (st: OrderStore, n: NewOrder): number =>
  st.alloc(n, n.orderId, n.accountIx, n.instIx, n.workingTicks, n.triggerTicks, n.expireAtMs);

/** An open order in `st` with this id (allocated and registered). */
function open(st: OrderStore, orderId: number): number {
  const s = alloc(st, spec(orderId));
  st.register(s);
  return s;
}

describe('OpenOrders (intrusive list through store slots) against a Set', () => {
  it('keeps insertion order and size over random adds and removes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(40)), { maxLength: 300 }), (ops) => {
        const st = new OrderStore(16);
        const list = new OpenOrders();
        const ref = new Set<number>();
        const slots = new Map<number, number>();
        let next = 1;
        for (const [add, pick] of ops) {
          if (add || ref.size === 0) {
            const s = open(st, next);
            slots.set(next, s);
            list.add(st, s);
            ref.add(next++);
          } else {
            const id = [...ref][pick % ref.size] as number;
            list.delete(st, slots.get(id) as number);
            st.remove(slots.get(id) as number);
            ref.delete(id);
          }
          st.endCommand();
          expect(list.size).toBe(ref.size);
          expect(list.toArray(st).map((s) => st.orderId(s))).toEqual([...ref]);
        }
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  it('refuses to add an order twice or remove one it does not hold', () => {
    const st = new OrderStore();
    const a = new OpenOrders();
    const b = new OpenOrders();
    const s = open(st, 1);
    a.add(st, s);
    expect(() => a.add(st, s)).toThrow();
    expect(() => b.delete(st, open(st, 2))).toThrow();
  });
});

const FOREVER = { clientIdWindow: 1_000_000, clientIdWindowMs: 2 ** 50 };

describe('ClientIdTable against a model', () => {
  it('finds what was inserted, nothing else, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 500 }), (keys) => {
        const t = new ClientIdTable();
        const ref = new Map<string, number>();
        keys.forEach((k, i) => {
          expect(t.taken(k, 0, FOREVER)).toBe(ref.has(k));
          if (!ref.has(k)) {
            t.insert(k, i + 1, 0, FOREVER);
            ref.set(k, i + 1);
          }
        });
        expect(t.size).toBe(ref.size);
        for (const [k, v] of ref) expect(t.get(k)).toBe(v);
        expect(t.get('\u0000absent')).toBeUndefined();
        expect(t.entries().open).toEqual([...ref.entries()]);
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it('keeps an ended id taken exactly while it is in the count and time window', () => {
    type Op = { kind: 'insert' | 'end' | 'wait'; key: number; ms: number };
    const op = fc.record({ kind: fc.constantFrom('insert', 'insert', 'end', 'wait'), key: fc.nat(30), ms: fc.nat(50) });
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 400 }),
        fc.nat(40),
        fc.integer({ min: 1, max: 400 }),
        (ops: Op[], n, ms) => {
          const w = { clientIdWindow: n, clientIdWindowMs: ms };
          const t = new ClientIdTable();
          // Model: open keys, and ended keys with their end time and end sequence.
          const open = new Map<string, number>();
          const ended = new Map<string, { at: number; seq: number }>();
          let now = 0;
          let seq = 0;
          let id = 0;
          const takenRef = (k: string) => {
            if (open.has(k)) return true;
            const e = ended.get(k);
            return e !== undefined && now - e.at < ms && seq - e.seq < n;
          };
          for (const o of ops) {
            const k = `k${o.key}`;
            if (o.kind === 'wait') now += o.ms;
            else if (o.kind === 'insert' && !takenRef(k)) {
              t.insert(k, ++id, now, w);
              open.set(k, id);
              ended.delete(k);
            } else if (o.kind === 'end' && open.has(k)) {
              t.end(k, open.get(k) as number, now, w);
              open.delete(k);
              ended.set(k, { at: now, seq: ++seq });
            }
            for (let j = 0; j <= 30; j++) expect(t.taken(`k${j}`, now, w)).toBe(takenRef(`k${j}`));
            // Bounded: open ids plus at most the window of ended ones.
            expect(t.size).toBeLessThanOrEqual(open.size + n + 1);
          }
        },
      ),
      { numRuns: 150, seed: 21 },
    );
  });

  it('refuses a duplicate insert while the id is taken', () => {
    const t = new ClientIdTable();
    t.insert('c1', 1, 0, FOREVER);
    expect(() => t.insert('c1', 2, 0, FOREVER)).toThrow();
    t.end('c1', 1, 5, FOREVER);
    expect(() => t.insert('c1', 2, 6, FOREVER)).toThrow();
    expect(t.get('c1')).toBe(1);
  });

  it('tells apart keys whose 32-bit hashes collide, also across deletion', () => {
    // Find two different keys with equal FNV-1a hashes by brute force over short strings.
    const seen = new Map<number, string>();
    const fnv = (s: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return h | 0;
    };
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined && i < 2_000_000; i++) {
      const k = `k${i.toString(36)}`;
      const h = fnv(k);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, k];
      else seen.set(h, k);
    }
    expect(pair).toBeDefined();
    const [x, y] = pair as [string, string];
    const w = { clientIdWindow: 0, clientIdWindowMs: 1 };
    const t = new ClientIdTable();
    t.insert(x, 1, 0, w);
    expect(t.taken(y, 0, w)).toBe(false);
    t.insert(y, 2, 0, w);
    expect([t.get(x), t.get(y)]).toEqual([1, 2]);
    t.end(x, 1, 0, w); // forgotten at once (window 0): y must stay reachable past the removed x
    expect([t.get(x), t.get(y), t.taken(y, 0, w)]).toEqual([undefined, 2, true]);
  });
});

describe('OrderStore against a Map', () => {
  it('answers slotOf/has/size/values like a Map over increasing inserts and random removes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(600), fc.nat(1000)), { maxLength: 400 }), (ops) => {
        const st = new OrderStore(16);
        const ref = new Map<number, OrderRecord>();
        let id = 0;
        for (const [gap, pick] of ops) {
          id += 1 + (gap % 300); // gaps leave pages empty and cross page boundaries
          const s = open(st, id);
          ref.set(id, st.view(s));
          if (pick % 3 !== 0 && ref.size > 0) {
            const victim = [...ref.keys()][pick % ref.size] as number;
            st.remove(st.slotOf(victim));
            ref.delete(victim);
            expect(st.slotOf(victim)).toBe(NIL);
          }
          if (pick % 5 === 0) st.endCommand();
          const probe = 1 + (pick % (id + 2));
          expect(st.get(probe)).toEqual(ref.get(probe));
          expect(st.has(probe)).toBe(ref.has(probe));
          expect(st.size).toBe(ref.size);
        }
        expect(st.values()).toEqual([...ref.values()]);
        expect(st.keys()).toEqual([...ref.keys()]);
      }),
      { numRuns: 150, seed: 9 },
    );
  });

  it('refuses ids that do not increase, and finds nothing for bad ids', () => {
    const st = new OrderStore();
    open(st, 5);
    expect(() => open(st, 5)).toThrow();
    expect(() => open(st, 3)).toThrow();
    for (const bad of [0, -5, 5.5, Number.NaN, 2 ** 60, 4.9])
      expect([st.get(bad), st.has(bad)]).toEqual([undefined, false]);
    expect(st.get(5)?.orderId).toBe(5);
  });

  it('keeps an ended order readable until the command ends, then reuses its slot', () => {
    const st = new OrderStore(16);
    const s = open(st, 1);
    st.setFilledLots(s, 7);
    st.remove(s);
    expect([st.has(1), st.isOpen(s), st.filledLots(s), st.clientOrderId(s)]).toEqual([false, false, 7, 'c1']);
    const t = open(st, 2);
    expect(t).not.toBe(s);
    st.endCommand();
    const u = alloc(st, spec(3));
    expect(u).toBe(s);
    expect([st.filledLots(u), st.clientOrderId(u), st.ocoId(u)]).toEqual([0, 'c3', 0]);
  });

  it('frees slots of orders prepared but never registered at the end of the command', () => {
    const st = new OrderStore(16);
    const s = alloc(st, spec(1));
    st.endCommand();
    expect(alloc(st, spec(1))).toBe(s);
  });

  it('round-trips every field through view and restore, growing past its capacity', () => {
    const st = new OrderStore(16);
    const views: OrderRecord[] = [];
    for (let id = 1; id <= 100; id++) {
      const s = alloc(st, spec(id, { type: id % 2 ? 'trailing_stop' : 'limit', trailBps: id, expireAtMs: 1e12 + id }));
      st.setStatus(s, 'partially_filled');
      st.setFilledLots(s, id);
      st.setHold(s, id % 3 ? BigInt(id) : 2n ** 70n + BigInt(id));
      st.setHoldLots(s, id * 2);
      st.setInBook(s, id % 4 === 0);
      st.setHoldDeferred(s, id % 5 === 0);
      st.setOcoId(s, id % 7 ? 0 : id + 1);
      if (id % 9 === 0) st.extra(s).bracket = { takeProfitTicks: 1, stopLossTriggerTicks: 2, stopLossLimitTicks: 0 };
      st.register(s);
      views.push(st.view(s));
    }
    const copy = new OrderStore(16);
    for (const v of views) copy.restore(v);
    expect(copy.values()).toEqual(views);
    expect(views[2]?.holdMinor).toBe(2n ** 70n + 3n);
    expect(Object.keys(views[0] as object)).toEqual([
      'orderId',
      'accountIx',
      'clientOrderId',
      'instIx',
      'side',
      'type',
      'tif',
      'priceTicks',
      'triggerTicks',
      'trailTicks',
      'trailBps',
      'qtyLots',
      'filledLots',
      'status',
      'postOnly',
      'reduceOnly',
      'expireAtMs',
      'holdMinor',
      'holdLots',
      'workingTicks',
      'inBook',
      'ocoId',
      'bracket',
      'parentId',
      'takeProfitId',
      'stopLossId',
      'coveredLots',
      'holdDeferred',
    ]);
  });
});

describe('OrderStore flag encoding', () => {
  it('reads back every type, time in force and status it stores', () => {
    const st = new OrderStore(16);
    let id = 0;
    for (const type of ORDER_TYPES)
      for (const tif of TIMES_IN_FORCE) {
        const s = alloc(st, spec(++id, { type, tif, side: id % 2 ? 'buy' : 'sell' }));
        expect([st.type(s), st.tif(s), st.side(s), st.instIx(s)]).toEqual([type, tif, id % 2 ? 'buy' : 'sell', 1]);
        for (const status of ORDER_STATUSES) {
          st.setStatus(s, status);
          expect(st.status(s)).toBe(status);
        }
      }
  });
});
