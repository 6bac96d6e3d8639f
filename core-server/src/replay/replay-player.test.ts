import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import type { MarketDataBatch, TradePrint } from '@tradewind/shared/market-data';
import type { ReplaySpeed } from '@tradewind/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, expectedOrder, type Fixture, makeFixture, recordFixture } from '../test-support/recorded-fixture';
import { HISTORY_PAGE_ROWS, hasHistory, openHistory } from './recorded-history';
import type { ReplayEvent } from './replay-event';
import { REPLAY_GAP_SKIP_MS, REPLAY_TICK_EVENTS_MAX, ReplayPlayer } from './replay-player';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const SYMBOLS = ['BTC-USD', 'ETH-USD'];
// 400 busy seconds, then a 10-minute hole, then 20 more: 4,920 events, past a page in every table.
const SECONDS = [...Array.from({ length: 400 }, (_, i) => i), ...Array.from({ length: 20 }, (_, i) => 1000 + i)];
const FROM = T0;
const TO = T0 + 1020 * 1000;

let db: DbHandle;
let fixture: Fixture;
beforeAll(async () => {
  db = await createTestDatabase();
  fixture = makeFixture(T0, SECONDS, SYMBOLS);
  await recordFixture(db.sql, fixture);
});
afterAll(() => db.close());

async function drain(fromMs: number, toMs: number, symbols = SYMBOLS, page = 777): Promise<ReplayEvent[]> {
  const cursor = openHistory(db.sql, { symbols, fromMs, toMs });
  const out: ReplayEvent[] = [];
  for (;;) {
    const next = await cursor.next(page);
    if (next.length === 0) return out;
    expect(next.length).toBeLessThanOrEqual(page);
    out.push(...next);
  }
}

/** What a player publishes, flattened back into replay events (per kind, in order). */
function player(speed: ReplaySpeed, fromMs = FROM, toMs = TO, symbols = SYMBOLS) {
  const batches: MarketDataBatch[] = [];
  const p = new ReplayPlayer({
    range: { symbols, fromMs, toMs },
    speed,
    open: (from) => openHistory(db.sql, { symbols, fromMs: from, toMs }),
    publish: (b) => batches.push(b),
  });
  const kinds = () => ({
    trades: batches.flatMap((b) => b.trades.map((t) => ({ ...t, seq: 0 }))),
    quotes: batches.flatMap((b) => b.quotes),
    bars: batches.flatMap((b) => b.bars),
  });
  return { p, batches, kinds };
}

async function playToEnd(p: ReplayPlayer, elapsedMs: number): Promise<number> {
  let ticks = 0;
  while (p.state === 'playing') {
    await p.tick(elapsedMs);
    ticks += 1;
    expect(ticks).toBeLessThan(100_000);
  }
  return ticks;
}

describe('recorded history', () => {
  it('pages through trades, quotes and 1s bars in replay order, equal to a plain sort of what was recorded', async () => {
    const events = await drain(FROM, TO);
    expect(fixture.trades.length).toBeGreaterThan(HISTORY_PAGE_ROWS);
    expect(events.map(comparable)).toEqual(expectedOrder(fixture, FROM, TO).map(comparable));
    expect(events).toHaveLength(fixture.trades.length + fixture.quotes.length + fixture.bars.length);
  });

  it('keeps to the range and the symbols asked for (an inner range, one symbol)', async () => {
    const from = T0 + 10_400;
    const to = T0 + 20_400;
    const events = await drain(from, to, ['ETH-USD'], 50);
    const eth = { ...fixture, trades: fixture.trades.filter((t) => t.symbol === 'ETH-USD') };
    eth.quotes = fixture.quotes.filter((q) => q.symbol === 'ETH-USD');
    eth.bars = fixture.bars.filter((b) => b.symbol === 'ETH-USD');
    expect(events.map(comparable)).toEqual(expectedOrder(eth, from, to).map(comparable));
    expect(events.every((e) => e.atMs >= from && e.atMs <= to)).toBe(true);
  });

  it('a burst denser than a page in one window is read in full, in order (the window narrows, then widens)', async () => {
    // 5,000 SOL-USD trades in 1.7 s, then one more an hour later: full pages, then a long empty stretch.
    const burst = Array.from({ length: 5_000 }, (_, i): TradePrint => {
      const tradeId = 1_000_000 + i;
      const tsMs = T0 + 7_000 + Math.floor(i / 3); // three per millisecond: a page ends inside one
      return { symbol: 'SOL-USD', seq: 0, tradeId, tsMs, priceTicks: 100 + i, qtyLots: 1, aggressor: 'buy' };
    });
    burst.push({ ...(burst[0] as TradePrint), tradeId: 2_000_000, tsMs: T0 + 3_600_000 });
    await recordFixture(db.sql, { trades: burst, quotes: [], bars: [] });
    const events = await drain(T0, T0 + 4_000_000, ['SOL-USD'], 1_000);
    expect(events.map((e) => (e.kind === 'trade' ? e.trade.tradeId : -1))).toEqual(burst.map((t) => t.tradeId));
  });

  it('knows whether a range holds anything', async () => {
    expect(await hasHistory(db.sql, { symbols: SYMBOLS, fromMs: FROM, toMs: TO })).toBe(true);
    expect(await hasHistory(db.sql, { symbols: ['AAPL'], fromMs: FROM, toMs: TO })).toBe(false);
    expect(await hasHistory(db.sql, { symbols: SYMBOLS, fromMs: T0 + 500_000, toMs: T0 + 900_000 })).toBe(false);
  });
});

describe('ReplayPlayer', () => {
  it('is deterministic: two replays of a range at max publish the same events, in the recorded order', async () => {
    const a = player('max');
    const b = player('max');
    await playToEnd(a.p, 50);
    await playToEnd(b.p, 50);
    expect(a.kinds()).toEqual(b.kinds());
    const expected = expectedOrder(fixture, FROM, TO);
    expect(a.kinds().trades).toEqual(expected.flatMap((e) => (e.kind === 'trade' ? [{ ...e.trade, seq: 0 }] : [])));
    expect(a.kinds().bars).toEqual(expected.flatMap((e) => (e.kind === 'bar' ? [e.bar] : [])));
    expect(a.p.positionMs).toBe(TO);
    expect(a.p.events).toBe(expected.length);
    // `max` is bounded per tick: never more than the budget in one batch.
    for (const batch of a.batches) {
      expect(batch.trades.length + batch.quotes.length + batch.bars.length).toBeLessThanOrEqual(REPLAY_TICK_EVENTS_MAX);
    }
  });

  it('the same range at 10× publishes the same sequence as at max, a wall second at a time', async () => {
    const fast = player('max');
    await playToEnd(fast.p, 50);
    const ten = player(10, FROM, T0 + 60_000);
    await ten.p.tick(100);
    // 100 ms × 10 = one market second: exactly the events of [T0, T0 + 1 s].
    expect(ten.p.positionMs).toBe(T0 + 1_000);
    const firstSecond = expectedOrder(fixture, FROM, T0 + 60_000).filter((e) => e.atMs <= T0 + 1_000);
    expect(ten.p.events).toBe(firstSecond.length);
    await playToEnd(ten.p, 1_000);
    expect(ten.kinds().trades).toEqual(fast.kinds().trades.filter((t) => t.tsMs < T0 + 60_000));
  });

  it('at 1× a tick of 250 ms plays 250 ms of market time', async () => {
    const one = player(1);
    await one.p.tick(250);
    expect(one.p.positionMs).toBe(T0 + 250);
    expect(one.kinds().trades.map((t) => t.tsMs)).toEqual([T0 + 100, T0 + 100]);
    await one.p.tick(250);
    expect(one.p.positionMs).toBe(T0 + 500);
    expect(one.kinds().trades).toHaveLength(6);
  });

  it(`jumps over holes longer than ${REPLAY_GAP_SKIP_MS} ms instead of playing nothing for minutes`, async () => {
    const one = player(1, T0 + 399_000, TO);
    // One wall second plays the last busy second; the hole after it is skipped at once, so
    // the tick ends at the first event after it instead of ten minutes of nothing.
    await one.p.tick(1_000);
    const times = () => one.kinds().trades.map((t) => t.tsMs);
    expect(times().filter((t) => t < T0 + 400_000)).toHaveLength(6);
    expect(times().filter((t) => t >= T0 + 1_000_000)).toEqual([T0 + 1_000_100, T0 + 1_000_100]);
    expect(one.p.positionMs).toBe(T0 + 1_000_100);
    await one.p.tick(300);
    expect(times().filter((t) => t >= T0 + 1_000_000)).toHaveLength(6);
  });

  it('pause holds the position, speed changes the pace, seek restarts at a market time', async () => {
    const r = player(1);
    await r.p.tick(1_000);
    r.p.pause();
    expect(await r.p.tick(5_000)).toBe(0);
    expect(r.p.positionMs).toBe(T0 + 1_000);
    r.p.play();
    r.p.setSpeed(10);
    await r.p.tick(500);
    expect(r.p.positionMs).toBe(T0 + 6_000);
    r.p.seek(T0 + 100_000);
    expect(r.p.events).toBe(0);
    await r.p.tick(100);
    expect(r.p.positionMs).toBe(T0 + 101_000);
    expect(r.kinds().trades.at(-1)?.tsMs).toBe(T0 + 100_400);
    r.p.stop();
    expect(await r.p.tick(1_000)).toBe(0);
    expect(r.p.state).toBe('stopped');
  });

  it('an ended replay is paused by a seek back and plays again', async () => {
    const r = player('max', T0, T0 + 3_000);
    await playToEnd(r.p, 50);
    expect(r.p.state).toBe('ended');
    r.p.seek(T0);
    expect(r.p.state).toBe('paused');
    r.p.play();
    await playToEnd(r.p, 50);
    expect(r.kinds().trades).toHaveLength(2 * 3 * 3 * 2);
  });
});
