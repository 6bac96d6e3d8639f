import { SUBSCRIPTIONS_PER_SOCKET_MAX } from '@tradewind/shared/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage/key-value-storage';
import {
  INSTRUMENTS_MAX,
  INSTRUMENTS_STORAGE_KEY,
  loadInstruments,
  marketTopics,
  parseInstruments,
  saveInstruments,
} from './instrument-list';

const btc = { symbol: 'BTC-USD', kind: 'crypto', base: 'BTC', quote: 'USD', tickSize: '0.01', lotSize: '0.0001' };

describe('instrument list', () => {
  it('keeps what edge sends (extra fields dropped) and round-trips through storage', () => {
    const storage = new MemoryStorage();
    const list = parseInstruments([{ ...btc, minQtyLots: 1 }]);
    expect(list).toEqual([btc]);
    saveInstruments(storage, list);
    expect(loadInstruments(storage)).toEqual([btc]);
  });

  it('drops invalid entries and duplicates, and reads corrupt storage as empty', () => {
    const bad = [{ ...btc, symbol: 'btc' }, { ...btc, tickSize: 'x' }, { ...btc, kind: '' }, null, 7];
    expect(parseInstruments([...bad, btc, btc]).map((i) => i.symbol)).toEqual(['BTC-USD']);
    const storage = new MemoryStorage();
    storage.setItem(INSTRUMENTS_STORAGE_KEY, '{oops');
    expect(loadInstruments(storage)).toEqual([]);
    expect(parseInstruments({ length: 3 })).toEqual([]);
  });

  it('keeps at most INSTRUMENTS_MAX, whose topics fit one socket exactly', () => {
    const many = Array.from({ length: INSTRUMENTS_MAX + 1 }, (_, i) => ({ ...btc, symbol: `S${i}-USD` }));
    const list = parseInstruments(many);
    expect(list).toHaveLength(INSTRUMENTS_MAX);
    expect(marketTopics(list).length).toBeLessThanOrEqual(SUBSCRIPTIONS_PER_SOCKET_MAX);
    expect(marketTopics(list.slice(0, 1))).toEqual(['trades.S0-USD', 'bbo.S0-USD']);
  });
});
