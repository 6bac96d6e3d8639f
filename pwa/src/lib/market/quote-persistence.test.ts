import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage/key-value-storage';
import { ManualScheduler } from '../util/manual-scheduler';
import type { SavedQuote } from './price-store';
import {
  loadQuotes,
  QUOTES_PERSIST_INTERVAL_MS,
  QUOTES_PERSISTED_MAX,
  QUOTES_STORAGE_KEY,
  QuotePersister,
  saveQuotes,
} from './quote-persistence';

const quote = (symbol: string, last = '100.25'): SavedQuote => ({
  symbol,
  last,
  bid: '100.20',
  ask: '100.30',
  ref: '99.00',
  refDay: 20_000,
  updatedAtMs: 1_728_000_000_000,
});

describe('saveQuotes / loadQuotes', () => {
  it('round-trips the last known prices', () => {
    const storage = new MemoryStorage();
    const quotes = [quote('BTC-USD'), { ...quote('AAPL'), bid: null, ask: null }];
    expect(saveQuotes(storage, quotes, 5)).toBe(true);
    expect(loadQuotes(storage)).toEqual(quotes);
  });

  it('finds nothing in empty, corrupt or foreign storage, without throwing', () => {
    const storage = new MemoryStorage();
    expect(loadQuotes(storage)).toEqual([]);
    for (const text of ['{', 'null', '42', '{"v":2,"quotes":[]}', '{"v":1,"quotes":{}}']) {
      storage.setItem(QUOTES_STORAGE_KEY, text);
      expect(loadQuotes(storage)).toEqual([]);
    }
  });

  it('skips entries that are not valid quotes and keeps the rest', () => {
    const storage = new MemoryStorage();
    const bad = [
      { ...quote('lower-case') },
      { ...quote('A'), last: '1e5' },
      { ...quote('B'), bid: 12 },
      { ...quote('C'), updatedAtMs: -1 },
      { ...quote('D'), refDay: 1.5 },
      'not an object',
    ];
    storage.setItem(QUOTES_STORAGE_KEY, JSON.stringify({ v: 1, savedAtMs: 0, quotes: [...bad, quote('OK')] }));
    expect(loadQuotes(storage).map((q) => q.symbol)).toEqual(['OK']);
  });

  it('keeps at most the limit of quotes, on save and on load', () => {
    const storage = new MemoryStorage();
    const many = Array.from({ length: QUOTES_PERSISTED_MAX + 1 }, (_, i) => quote(`S${i}`));
    saveQuotes(storage, many.slice(0, QUOTES_PERSISTED_MAX), 0);
    expect(loadQuotes(storage)).toHaveLength(QUOTES_PERSISTED_MAX);
    saveQuotes(storage, many, 0);
    expect(loadQuotes(storage)).toHaveLength(QUOTES_PERSISTED_MAX);
    storage.setItem(QUOTES_STORAGE_KEY, JSON.stringify({ v: 1, savedAtMs: 0, quotes: many }));
    expect(loadQuotes(storage)).toHaveLength(QUOTES_PERSISTED_MAX);
  });

  it('reports a refused write instead of throwing (quota, disabled storage)', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(saveQuotes(full, [quote('A')], 0)).toBe(false);
  });
});

describe('QuotePersister', () => {
  it('writes at most once per interval however many changes come in', () => {
    const storage = new MemoryStorage();
    const scheduler = new ManualScheduler();
    let snapshots = 0;
    let last = '1';
    const persister = new QuotePersister(storage, scheduler, () => {
      snapshots += 1;
      return [quote('A', last)];
    });
    for (let i = 0; i < 100; i++) {
      last = String(i);
      persister.changed();
    }
    expect(snapshots).toBe(0);
    scheduler.advance(QUOTES_PERSIST_INTERVAL_MS);
    expect(snapshots).toBe(1);
    expect(loadQuotes(storage)[0]?.last).toBe('99');
  });

  it('writes at once on flush and cancels the pending write', () => {
    const storage = new MemoryStorage();
    const scheduler = new ManualScheduler();
    let snapshots = 0;
    const persister = new QuotePersister(storage, scheduler, () => {
      snapshots += 1;
      return [quote('A')];
    });
    persister.changed();
    persister.flush();
    expect(loadQuotes(storage)).toHaveLength(1);
    scheduler.advance(QUOTES_PERSIST_INTERVAL_MS * 3);
    expect(snapshots).toBe(1);
  });
});
