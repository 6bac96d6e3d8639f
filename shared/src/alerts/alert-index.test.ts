import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeInstrument } from '../domain/index';
import { PriceAlertIndex } from './alert-index';
import { ALERT_PRICE_BAND_FACTOR } from './limits';
import { NaiveAlertScan } from './naive-scan';
import { parseAlertPrice } from './price';
import type { PriceAlert } from './types';

const SYMBOLS = ['AAA', 'BBB'] as const;

type Step =
  | { kind: 'add'; symbol: string; condition: PriceAlert['condition']; threshold: number; reference: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'tick'; symbol: string; price: number };

const price = fc.integer({ min: 1, max: 60 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    symbol: fc.constantFrom(...SYMBOLS),
    condition: fc.constantFrom('above' as const, 'below' as const, 'crosses' as const),
    threshold: price,
    reference: price,
  }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('tick' as const), symbol: fc.constantFrom(...SYMBOLS), price }),
);

const ids = (alerts: readonly PriceAlert[]) => alerts.map((a) => a.id).sort();

describe('PriceAlertIndex against a naive scan', () => {
  test('every tick fires the same alerts as scanning all of them, and each alert fires at most once', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const index = new PriceAlertIndex();
        const naive = new NaiveAlertScan();
        const added: string[] = [];
        const fired = new Set<string>();
        steps.forEach((s, i) => {
          if (s.kind === 'add') {
            const alert: PriceAlert = {
              id: `a${i}`,
              symbol: s.symbol,
              condition: s.condition,
              thresholdTicks: s.threshold,
              referenceTicks: s.reference,
            };
            expect(index.add(alert)).toBe(naive.add(alert));
            added.push(alert.id);
          } else if (s.kind === 'remove') {
            const id = added[s.pick % Math.max(1, added.length)] ?? 'none';
            expect(index.remove(id)).toBe(naive.remove(id));
          } else {
            const a: PriceAlert[] = [];
            const b: PriceAlert[] = [];
            expect(index.evaluate(s.symbol, s.price, a)).toBe(naive.evaluate(s.symbol, s.price, b));
            expect(ids(a)).toEqual(ids(b));
            for (const alert of a) {
              expect(fired.has(alert.id)).toBe(false);
              fired.add(alert.id);
            }
          }
          expect(index.size).toBe(naive.size);
        });
      }),
      { seed: 7_2026, numRuns: 300 },
    );
  });

  test('a tick from 100 to 110 fires the up alerts at or below 110 and leaves the rest waiting', () => {
    const index = new PriceAlertIndex();
    const mk = (id: string, condition: PriceAlert['condition'], t: number): PriceAlert => ({
      id,
      symbol: 'AAA',
      condition,
      thresholdTicks: t,
      referenceTicks: 100,
    });
    for (const a of [
      mk('x105', 'above', 105),
      mk('x110', 'crosses', 110),
      mk('x111', 'above', 111),
      mk('y90', 'below', 90),
    ]) {
      index.add(a);
    }
    const out: PriceAlert[] = [];
    expect(index.evaluate('AAA', 110, out)).toBe(2);
    expect(ids(out)).toEqual(['x105', 'x110']);
    expect(index.evaluate('AAA', 110, [])).toBe(0);
    expect(index.sizeOf('AAA')).toBe(2);
    expect(index.evaluate('AAA', 89, out)).toBe(1);
    expect(index.evaluate('BBB', 1, out)).toBe(0);
  });

  test('a removed alert never fires, and many removals compact without losing live alerts', () => {
    const index = new PriceAlertIndex();
    for (let i = 0; i < 1_000; i++) {
      index.add({ id: `a${i}`, symbol: 'AAA', condition: 'above', thresholdTicks: 1 + i, referenceTicks: 1 });
    }
    for (let i = 0; i < 1_000; i += 2) expect(index.remove(`a${i}`)).toBe(true);
    expect(index.remove('a0')).toBe(false);
    const out: PriceAlert[] = [];
    index.evaluate('AAA', 1_000, out);
    expect(out.length).toBe(500);
    expect(out.every((a) => Number(a.id.slice(1)) % 2 === 1)).toBe(true);
    expect(index.size).toBe(0);
  });
});

describe('parseAlertPrice', () => {
  const inst = makeInstrument({
    symbol: 'AAA' as never,
    kind: 'stock',
    base: 'AAA',
    quote: 'USD',
    tickSize: '0.05',
    lotSize: '1',
    minQtyLots: 1,
    minNotionalMinor: 1,
  });

  test('a decimal on the grid becomes ticks; malformed, off-grid, zero and negative are typed errors', () => {
    expect(parseAlertPrice(inst, '101.25', 'above', null)).toEqual({ ok: true, value: 2025 });
    expect(parseAlertPrice(inst, '101.26', 'above', null)).toMatchObject({ ok: false, code: 'ALERT_PRICE_OFF_GRID' });
    expect(parseAlertPrice(inst, 'abc', 'above', null)).toMatchObject({ ok: false, code: 'ALERT_PRICE_MALFORMED' });
    expect(parseAlertPrice(inst, '0', 'above', null)).toMatchObject({ ok: false, code: 'ALERT_PRICE_NOT_POSITIVE' });
    expect(parseAlertPrice(inst, '-5', 'below', null)).toMatchObject({ ok: false });
  });

  test(`the band is ${ALERT_PRICE_BAND_FACTOR}x the last price: at the limit accepted, one tick past refused`, () => {
    const last = 2_000; // 100.00
    expect(parseAlertPrice(inst, '1000', 'above', last)).toEqual({ ok: true, value: 20_000 });
    expect(parseAlertPrice(inst, '1000.05', 'above', last)).toMatchObject({ code: 'ALERT_PRICE_OUT_OF_BAND' });
    expect(parseAlertPrice(inst, '10', 'below', last)).toEqual({ ok: true, value: 200 });
    expect(parseAlertPrice(inst, '9.95', 'below', last)).toMatchObject({ code: 'ALERT_PRICE_OUT_OF_BAND' });
  });

  test('a crosses alert at the last price has no side and is refused; above/below there are fine', () => {
    expect(parseAlertPrice(inst, '100', 'crosses', 2_000)).toMatchObject({ code: 'ALERT_PRICE_AT_LAST' });
    expect(parseAlertPrice(inst, '100', 'above', 2_000)).toEqual({ ok: true, value: 2_000 });
  });
});
