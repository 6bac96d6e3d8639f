import { schema } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBars } from './bar-source';

const btc = INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
const T0 = Date.UTC(2026, 0, 1);
const H = 3_600_000;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
  const row = (i: number, source: string, close: number) => ({
    symbol: 'BTC-USD',
    interval: '1h' as const,
    source,
    openTime: new Date(T0 + i * H),
    openTicks: close,
    highTicks: close + 10,
    lowTicks: close - 10,
    closeTicks: close,
    volumeLots: 5,
    tradeCount: 2,
  });
  // Hours 0..3 recorded; hour 2 also imported from CSV (recorded wins); hour 4 only from CSV.
  await db.db
    .insert(schema.marketBars)
    .values([
      row(0, 'recorded', 100),
      row(1, 'recorded', 101),
      row(2, 'recorded', 102),
      row(2, 'csv', 999),
      row(3, 'recorded', 103),
      row(4, 'csv', 104),
    ]);
});
afterAll(async () => {
  await db?.close();
});

describe('bars from PostgreSQL (market_bars)', () => {
  it('reads the range in time order, one source per time (recorded before csv)', async () => {
    if (btc === undefined) throw new Error('BTC-USD missing');
    const r = await loadBars(
      { instrument: btc, interval: '1h', fromMs: T0 + H, toMs: T0 + 5 * H },
      { dataFile: null, seed: null, databaseUrl: db.url },
    );
    expect(r.source).toEqual({ kind: 'database', source: 'recorded+csv' });
    expect(r.bars.map((b) => [b.openTimeMs - T0, b.closeTicks])).toEqual([
      [H, 101],
      [2 * H, 102],
      [3 * H, 103],
      [4 * H, 104],
    ]);
  });

  it('falls back to generated bars (and says why) when the table has nothing in range', async () => {
    if (btc === undefined) throw new Error('BTC-USD missing');
    const r = await loadBars(
      { instrument: btc, interval: '1h', fromMs: T0 + 100 * H, toMs: T0 + 110 * H },
      { dataFile: null, seed: null, databaseUrl: db.url },
    );
    expect(r.source).toEqual({ kind: 'generated', seed: 1, reason: 'no bars for the symbol and range in market_bars' });
    expect(r.bars).toHaveLength(10);
  });
});
