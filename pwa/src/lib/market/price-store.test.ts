import type { BboFrame, TradeFrame } from '@tradewind/shared/protocol';
import { describe, expect, it } from 'vitest';
import { PriceStore } from './price-store';
import { MS_PER_DAY } from './quote';

const DAY0 = 20_000 * MS_PER_DAY; // a UTC midnight
const trade = (symbol: string, price: string, ts = DAY0 + 1_000, seq = 1): TradeFrame => ({
  type: 'trade',
  symbol,
  seq,
  price,
  qty: '0.5',
  side: 'buy',
  ts,
});
const bbo = (symbol: string, bid: string, ask: string, ts = DAY0 + 1_000): BboFrame => ({
  type: 'bbo',
  symbol,
  seq: 1,
  bid,
  bidQty: '1',
  ask,
  askQty: '2',
  ts,
});

describe('PriceStore', () => {
  it('records the last price and whether it went up or down, exactly on decimals', () => {
    const store = new PriceStore();
    store.applyTrade(trade('BTC-USD', '96500.10'));
    expect(store.quote('BTC-USD').value).toMatchObject({ last: '96500.10', direction: null, fresh: true });
    store.applyTrade(trade('BTC-USD', '96500.1')); // equal value, different text: flat
    expect(store.quote('BTC-USD').value.direction).toBe(null);
    store.applyTrade(trade('BTC-USD', '96500.11'));
    expect(store.quote('BTC-USD').value.direction).toBe('up');
    store.applyTrade(trade('BTC-USD', '9999.99'));
    expect(store.quote('BTC-USD').value.direction).toBe('down');
    expect(store.quote('BTC-USD').value.flashSeq).toBe(4);
  });

  it('compares prices that floats would get wrong', () => {
    const store = new PriceStore();
    store.applyTrade(trade('X', '0.30000000000000001'));
    store.applyTrade(trade('X', '0.30000000000000002'));
    expect(store.quote('X').value.direction).toBe('up');
  });

  it('measures change from the first trade of the UTC day and resets it on a new day', () => {
    const store = new PriceStore();
    store.applyTrade(trade('ETH-USD', '3000.00', DAY0 + 10));
    store.applyTrade(trade('ETH-USD', '3100.00', DAY0 + MS_PER_DAY - 1));
    expect(store.quote('ETH-USD').value).toMatchObject({ ref: '3000.00', last: '3100.00' });
    store.applyTrade(trade('ETH-USD', '3200.00', DAY0 + MS_PER_DAY));
    expect(store.quote('ETH-USD').value).toMatchObject({ ref: '3200.00', refDay: 20_001 });
  });

  it('keeps the best bid and ask apart from the last trade', () => {
    const store = new PriceStore();
    store.applyBbo(bbo('AAPL', '229.86', '229.88'));
    expect(store.quote('AAPL').value).toMatchObject({ bid: '229.86', ask: '229.88', last: null, fresh: true });
  });

  it('updates only the signal of the symbol that ticked', () => {
    const store = new PriceStore();
    store.applyTrade(trade('A', '1'));
    store.applyTrade(trade('B', '1'));
    const before = store.quote('B').value;
    store.applyTrade(trade('A', '2'));
    expect(store.quote('B').value).toBe(before);
  });

  it('marks every price stale when the connection goes, and reports since when', () => {
    const store = new PriceStore();
    expect(store.staleAsOfMs.value).toBe(null);
    store.applyTrade(trade('A', '1', DAY0 + 5));
    store.applyBbo(bbo('B', '1', '2', DAY0 + 9));
    expect(store.staleAsOfMs.value).toBe(null);
    store.markAllStale();
    expect(store.quote('A').value.fresh).toBe(false);
    expect(store.staleAsOfMs.value).toBe(DAY0 + 9);
    store.applyBbo(bbo('B', '1', '2', DAY0 + 20));
    expect(store.staleAsOfMs.value).toBe(DAY0 + 5);
  });

  it('restores remembered prices as stale, and never over a newer live quote', () => {
    const store = new PriceStore();
    store.applyTrade(trade('A', '5', DAY0 + 100));
    store.restore([
      { symbol: 'A', last: '4', bid: null, ask: null, ref: '4', refDay: 20_000, updatedAtMs: DAY0 + 50 },
      { symbol: 'B', last: '7', bid: '6.9', ask: '7.1', ref: '7', refDay: 20_000, updatedAtMs: DAY0 + 60 },
    ]);
    expect(store.quote('A').value).toMatchObject({ last: '5', fresh: true });
    expect(store.quote('B').value).toMatchObject({ last: '7', bid: '6.9', fresh: false });
    expect(store.staleAsOfMs.value).toBe(DAY0 + 60);
  });

  it('snapshots only symbols that have data', () => {
    const store = new PriceStore();
    store.quote('EMPTY');
    store.applyTrade(trade('A', '1.5', DAY0 + 7));
    expect(store.snapshot()).toEqual([
      { symbol: 'A', last: '1.5', bid: null, ask: null, ref: '1.5', refDay: 20_000, updatedAtMs: DAY0 + 7 },
    ]);
  });
});
