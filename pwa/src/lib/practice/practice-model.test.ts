import type { MarketFrame } from '@tradewind/shared/protocol';
import { describe, expect, it } from 'vitest';
import { PRACTICE_CASH_MINOR, practiceOf } from './practice-model';

const T0 = 1_780_000_000_000;
const SYM = 'BTC-USD@feedface00000001';
const trade = (price: string, ts: number): MarketFrame => ({
  type: 'trade',
  symbol: SYM,
  seq: ts - T0,
  price,
  qty: '0.5',
  side: 'buy',
  ts,
});
const bbo = (bid: string, ask: string, ts: number): MarketFrame => ({
  type: 'bbo',
  symbol: SYM,
  seq: ts - T0,
  bid,
  bidQty: '1',
  ask,
  askQty: '1',
  ts,
});

describe('PracticeModel', () => {
  it('plays a replayed tape: quotes shown, a market buy filled at the next trade, PnL exact', () => {
    const m = practiceOf('feedface00000001', 'BTC-USD');
    if (m === null) throw new Error('BTC-USD practice');
    expect(practiceOf('feedface00000001', 'BTC-USD')).toBe(m); // one account per session
    m.apply(bbo('96499.99', '96500.01', T0));
    m.apply(trade('96500.00', T0 + 100));
    expect(m.place({ side: 'buy', kind: 'market', qty: '0.0100', price: '' })).toBeNull();
    expect(m.venue.waiting).toBe(true);
    m.apply(trade('96510.00', T0 + 200));
    m.apply(trade('96610.00', T0 + 300));
    expect([m.bid, m.ask]).toEqual(['96499.99', '96500.01']);
    const v = m.venue;
    expect(v.fills.map((f) => [f.side, m.price(f.priceTicks), m.qty(f.qtyLots), m.money(f.feeMinor)])).toEqual([
      ['buy', '96,510.00', '0.0100', '0.49'],
    ]);
    const p = v.position();
    expect(m.money(v.cashMinor)).toBe('99,034.41'); // 100,000.00 − 965.10 − 0.49
    expect([m.qty(p.qtyLots), m.money(p.unrealisedPnlMinor), m.money(p.realisedPnlMinor)]).toEqual([
      '0.0100',
      '1.00',
      '0.00',
    ]);
    // A limit sell under the market fills at the next trade (its price), realising the gain.
    expect(m.place({ side: 'sell', kind: 'limit', qty: '0.01', price: '96600.00' })).toBeNull();
    m.apply(trade('96620.00', T0 + 400));
    expect(m.money(v.position().realisedPnlMinor)).toBe('1.10');
    expect(v.position().qtyLots).toBe(0);

    m.reset();
    expect(m.venue.cashMinor).toBe(PRACTICE_CASH_MINOR);
    expect(m.venue.fills).toHaveLength(0);
    expect(m.venue.position().qtyLots).toBe(0);
  });

  it('refuses a ticket off the instrument grid and places nothing', () => {
    const m = practiceOf('feedface00000002', 'BTC-USD');
    if (m === null) throw new Error('BTC-USD practice');
    expect(m.place({ side: 'buy', kind: 'market', qty: '0.00001', price: '' })).toMatch(/multiple of 0.0001/);
    expect(m.place({ side: 'buy', kind: 'market', qty: '-1', price: '' })).toMatch(/Quantity/);
    expect(m.place({ side: 'buy', kind: 'limit', qty: '0.01', price: '96500.001' })).toMatch(/multiple of 0.01/);
    expect(m.place({ side: 'buy', kind: 'stop', qty: '0.01', price: '' })).toMatch(/Price/);
    expect(m.venue.waiting).toBe(false);
  });

  it('has no account for a symbol outside the catalog', () => {
    expect(practiceOf('x', 'NOPE-USD')).toBeNull();
  });
});
