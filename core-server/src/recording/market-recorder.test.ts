import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { type Bar, emptyBatch, type MarketDataBatch, type TradePrint } from '@tradewind/shared/market-data';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { metricValue } from '../test-support/test-core';
import { BoundedQueue } from './bounded-queue';
import { MarketRecorder } from './market-recorder';

const T0 = Date.UTC(2026, 10, 24, 8, 0, 0);
const logs: string[] = [];
let db: DbHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());
beforeEach(async () => {
  logs.length = 0;
  await db.sql`truncate market_trades, market_quotes, market_bars`;
});

function recorder(
  clock = new ManualClock(T0),
  extra: { retentionDays?: number; queueRowsMax?: number; copySettleMsMax?: number } = {},
) {
  const registry = new Registry();
  const rec = new MarketRecorder({
    sql: db.sql,
    clock,
    log: pino({ level: 'warn' }, { write: (line: string) => logs.push(line) }),
    registry,
    retentionDays: extra.retentionDays ?? 0,
    manual: true,
    ...(extra.queueRowsMax === undefined ? {} : { queueRowsMax: extra.queueRowsMax }),
    ...(extra.copySettleMsMax === undefined ? {} : { copySettleMsMax: extra.copySettleMsMax }),
  });
  return { rec, registry };
}

const trade = (i: number, tsMs = T0 + i): TradePrint => ({
  symbol: 'BTC-USD',
  seq: i,
  tradeId: i,
  tsMs,
  priceTicks: 9_650_000 + i,
  qtyLots: 1 + (i % 7),
  aggressor: i % 2 === 0 ? 'buy' : 'sell',
});
const bar = (openTimeMs: number, interval: Bar['interval'] = '1s'): Bar => ({
  symbol: 'BTC-USD',
  interval,
  openTimeMs,
  openTicks: 100,
  highTicks: 120,
  lowTicks: 90,
  closeTicks: 110,
  volumeLots: 9_007_199_254_740,
  tradeCount: 3,
});
const batchOf = (parts: Partial<MarketDataBatch>): MarketDataBatch => ({ ...emptyBatch(), ...parts });

describe('market recorder', () => {
  it('writes trades and quotes with COPY and bars by upsert, exactly (integers, empty sides as null)', async () => {
    const { rec, registry } = recorder();
    const trades = Array.from({ length: 5_000 }, (_, i) => trade(i + 1));
    const quotes = [
      { symbol: 'BTC-USD', tsMs: T0, bidTicks: 9_650_000, bidLots: 12, askTicks: 9_650_100, askLots: 3 },
      { symbol: 'BTC-USD', tsMs: T0 + 1, bidTicks: 0, bidLots: 0, askTicks: 9_650_100, askLots: 3 },
    ];
    rec.record(batchOf({ trades, quotes, bars: [bar(T0), bar(T0, '1m')] }));
    expect(rec.queuedRows).toEqual({ trades: 5_000, quotes: 2, bars: 2 });
    await rec.flush();
    expect(logs).toEqual([]);
    expect(rec.queuedRows).toEqual({ trades: 0, quotes: 0, bars: 0 });
    const [t] =
      await db.sql`select count(*)::int as n, sum(qty_lots)::bigint as lots, max(seq)::bigint as seq from market_trades`;
    expect(t).toEqual({ n: 5_000, lots: String(trades.reduce((a, x) => a + x.qtyLots, 0)), seq: '5000' });
    const q = await db.sql`select bid_ticks, bid_lots, ask_ticks from market_quotes order by ts`;
    expect(q.map((r) => [r.bid_ticks, r.bid_lots, r.ask_ticks])).toEqual([
      ['9650000', '12', '9650100'],
      [null, null, '9650100'],
    ]);
    const b = await db.sql`select interval, volume_lots, source from market_bars order by interval`;
    expect(b.map((r) => [r.interval, r.volume_lots, r.source])).toEqual([
      ['1m', '9007199254740', 'recorded'],
      ['1s', '9007199254740', 'recorded'],
    ]);
    const text = await registry.metrics();
    expect(metricValue(text, 'core_rec_rows_written_total', '{table="trades"}')).toBe(5_000);
    expect(metricValue(text, 'core_rec_queue_rows', '{table="trades"}')).toBe(0);
  });

  it('a full queue drops new rows and counts them; nothing blocks', async () => {
    const { rec, registry } = recorder(new ManualClock(T0), { queueRowsMax: 100 });
    rec.record(batchOf({ trades: Array.from({ length: 100 }, (_, i) => trade(i + 1)) }));
    rec.record(batchOf({ trades: [trade(101)] }));
    expect(rec.queuedRows.trades).toBe(100);
    expect(metricValue(await registry.metrics(), 'core_rec_rows_dropped_total', '{table="trades"}')).toBe(1);
    await rec.flush();
    const [r] = await db.sql`select count(*)::int as n from market_trades`;
    expect(r?.n).toBe(100);
  });

  it('a restart loses no closed bar: close() writes the queue; re-writing a bar is idempotent', async () => {
    const first = recorder();
    first.rec.record(batchOf({ bars: [bar(T0), bar(T0 + 1_000)] }));
    await first.rec.close();
    first.rec.record(batchOf({ bars: [bar(T0 + 2_000)] }));
    const second = recorder();
    second.rec.record(batchOf({ bars: [bar(T0 + 1_000), bar(T0 + 2_000), bar(T0 + 2_000)] }));
    await second.rec.close();
    const rows = await db.sql`
      select (extract(epoch from open_time) * 1000)::float8 as ms from market_bars where interval = '1s' order by open_time`;
    expect(rows.map((r) => r.ms)).toEqual([T0, T0 + 1_000, T0 + 2_000]);
  });

  it('a bar the feed saw only part of (it restarted inside it) is rebuilt from every recorded trade', async () => {
    const minute = T0 + 60_000;
    const before = [trade(1, minute + 5_000), trade(2, minute + 9_000)];
    const after = [trade(3, minute + 30_000), trade(4, minute + 31_000)];
    const first = recorder();
    first.rec.record(batchOf({ trades: before }));
    await first.rec.close();
    const second = recorder();
    const seen: Bar = {
      ...bar(minute, '1m'),
      openTicks: after[0]?.priceTicks ?? 0,
      highTicks: after[1]?.priceTicks ?? 0,
      lowTicks: after[0]?.priceTicks ?? 0,
      closeTicks: after[1]?.priceTicks ?? 0,
      volumeLots: (after[0]?.qtyLots ?? 0) + (after[1]?.qtyLots ?? 0),
      tradeCount: 2,
      partial: true,
    };
    second.rec.record(batchOf({ trades: after, bars: [seen] }));
    await second.rec.close();
    expect(logs).toEqual([]);
    expect(second.rec.queuedRows).toEqual({ trades: 0, quotes: 0, bars: 0 });
    const all = [...before, ...after];
    const [row] = await db.sql`
      select open_ticks::int, high_ticks::int, low_ticks::int, close_ticks::int, volume_lots::int, trade_count
      from market_bars where interval = '1m'`;
    expect(row).toEqual({
      open_ticks: before[0]?.priceTicks,
      high_ticks: Math.max(...all.map((t) => t.priceTicks)),
      low_ticks: Math.min(...all.map((t) => t.priceTicks)),
      close_ticks: after[1]?.priceTicks,
      volume_lots: all.reduce((a, t) => a + t.qtyLots, 0),
      trade_count: 4,
    });
  });

  it('a failed write keeps its rows queued and counts the failure; the next flush writes them', async () => {
    const { rec, registry } = recorder(new ManualClock(T0), { copySettleMsMax: 1_000 });
    await db.sql`alter table market_trades add constraint test_block check (qty_lots < 0) not valid`;
    try {
      rec.record(batchOf({ trades: [trade(1), trade(2)] }));
      await rec.flush();
      expect(rec.queuedRows.trades).toBe(2);
      expect(metricValue(await registry.metrics(), 'core_rec_write_failures_total', '{table="trades"}')).toBe(1);
    } finally {
      await db.sql`alter table market_trades drop constraint test_block`;
    }
    await rec.flush();
    expect(rec.queuedRows.trades).toBe(0);
    const [r] = await db.sql`select count(*)::int as n from market_trades`;
    expect(r?.n).toBe(2);
  });

  it('retention prunes raw trades and quotes older than N days and keeps bars', async () => {
    const clock = new ManualClock(T0);
    const { rec } = recorder(clock, { retentionDays: 2 });
    const old = T0 - 3 * 86_400_000;
    rec.record(
      batchOf({
        trades: [trade(1, old), trade(2, T0 - 86_400_000)],
        quotes: [{ symbol: 'BTC-USD', tsMs: old, bidTicks: 1, bidLots: 1, askTicks: 2, askLots: 1 }],
        bars: [bar(old)],
      }),
    );
    await rec.flush();
    expect(await rec.prune()).toBe(2);
    const [t] = await db.sql`select count(*)::int as n from market_trades`;
    const [b] = await db.sql`select count(*)::int as n from market_bars`;
    expect([t?.n, b?.n]).toEqual([1, 1]);
  });
});

describe('bounded queue', () => {
  it('holds up to its capacity, refuses one past it, and restores a failed batch in front', () => {
    const q = new BoundedQueue<number>(3);
    expect([q.push(1), q.push(2), q.push(3), q.push(4)]).toEqual([true, true, true, false]);
    const taken = q.take(2);
    expect(taken).toEqual([1, 2]);
    q.push(5);
    expect(q.restore(taken)).toBe(1);
    expect(q.take(10)).toEqual([2, 3, 5]);
  });
});
