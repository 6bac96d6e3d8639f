import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../core/state';
import { ClientIdTable } from './client-ids';
import { OpenOrders } from './open-orders';
import { OrderTable } from './order-table';

const rec = (orderId: number) => ({ orderId, prevOpen: null, nextOpen: null }) as unknown as OrderRecord;

describe('OpenOrders (intrusive list) against a Set', () => {
  it('keeps insertion order and size over random adds and removes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(40)), { maxLength: 300 }), (ops) => {
        const list = new OpenOrders();
        const ref = new Set<number>();
        const recs = new Map<number, OrderRecord>();
        let next = 1;
        for (const [add, pick] of ops) {
          if (add || ref.size === 0) {
            const o = rec(next++);
            recs.set(o.orderId, o);
            list.add(o);
            ref.add(o.orderId);
          } else {
            const id = [...ref][pick % ref.size] as number;
            list.delete(recs.get(id) as OrderRecord);
            ref.delete(id);
          }
          expect(list.size).toBe(ref.size);
          expect([...list]).toEqual([...ref]);
          expect(list.toArray().map((o) => o.orderId)).toEqual([...ref]);
        }
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  it('refuses to add an order twice or remove one it does not hold', () => {
    const a = new OpenOrders();
    const b = new OpenOrders();
    const o = rec(1);
    a.add(o);
    expect(() => a.add(o)).toThrow();
    expect(() => b.delete(rec(2))).toThrow();
  });
});

describe('ClientIdTable against a Map', () => {
  it('finds what was inserted, nothing else, in insertion order, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 500 }), (keys) => {
        const t = new ClientIdTable();
        const ref = new Map<string, number>();
        keys.forEach((k, i) => {
          expect(t.has(k)).toBe(ref.has(k));
          if (!ref.has(k)) {
            t.insert(k, i + 1);
            ref.set(k, i + 1);
          }
        });
        expect(t.size).toBe(ref.size);
        for (const [k, v] of ref) expect(t.get(k)).toBe(v);
        expect(t.get('\u0000absent')).toBeUndefined();
        expect(t.entries()).toEqual([...ref.entries()]);
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it('refuses a duplicate insert', () => {
    const t = new ClientIdTable();
    t.insert('c1', 1);
    expect(() => t.insert('c1', 2)).toThrow();
    expect(t.get('c1')).toBe(1);
  });

  it('tells apart keys whose 32-bit hashes collide', () => {
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
    const t = new ClientIdTable();
    t.insert(x, 1);
    expect(t.has(y)).toBe(false);
    t.insert(y, 2);
    expect([t.get(x), t.get(y)]).toEqual([1, 2]);
  });
});

describe('OrderTable against a Map', () => {
  it('answers get/has/size/values like a Map over increasing inserts and random deletes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(600), fc.nat(1000)), { maxLength: 400 }), (ops) => {
        const t = new OrderTable();
        const ref = new Map<number, OrderRecord>();
        let id = 0;
        for (const [gap, pick] of ops) {
          id += 1 + (gap % 300); // gaps leave pages empty and cross page boundaries
          const o = rec(id);
          t.set(id, o);
          ref.set(id, o);
          if (pick % 3 !== 0 && ref.size > 0) {
            const victim = [...ref.keys()][pick % ref.size] as number;
            expect(t.delete(victim)).toBe(true);
            ref.delete(victim);
            expect(t.delete(victim)).toBe(false);
          }
          const probe = 1 + (pick % (id + 2));
          expect(t.get(probe)).toBe(ref.get(probe));
          expect(t.has(probe)).toBe(ref.has(probe));
          expect(t.size).toBe(ref.size);
        }
        expect(t.values()).toEqual([...ref.values()]);
        expect(t.keys()).toEqual([...ref.keys()]);
      }),
      { numRuns: 150, seed: 9 },
    );
  });

  it('refuses ids that do not increase, and finds nothing for bad ids', () => {
    const t = new OrderTable();
    t.set(5, rec(5));
    expect(() => t.set(5, rec(5))).toThrow();
    expect(() => t.set(3, rec(3))).toThrow();
    for (const bad of [0, -5, 5.5, Number.NaN, 2 ** 60, 4.9])
      expect([t.get(bad), t.has(bad), t.delete(bad)]).toEqual([undefined, false, false]);
    expect(t.get(5)?.orderId).toBe(5);
  });
});
