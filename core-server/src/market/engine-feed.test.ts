import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { decimalToSteps, SIMULATED_INSTRUMENTS } from '@tradewind/shared';
import { createEngine } from '@tradewind/shared/engine';
import { DepthBook, type Level } from '@tradewind/shared/market-data';
import type { DepthLevel, ServerFrame } from '@tradewind/shared/protocol';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { CoreConfig } from '../config';
import { startCore } from '../core';
import { TestClient } from '../test-support/test-client';
import { TEST_EPOCH_MS, TEST_ORIGIN } from '../test-support/test-core';
import { EngineFeed } from './engine-feed';
import { LocalVenue } from './market-venue';

const SIMS = SIMULATED_INSTRUMENTS.filter((s) => s.instrument.symbol === 'BTC-USD' || s.instrument.symbol === 'AAPL');
const BTC = SIMS.find((s) => s.instrument.symbol === 'BTC-USD')?.instrument;

let db: DbHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function startEngineCore() {
  const clock = new ManualClock(TEST_EPOCH_MS);
  const venue = new LocalVenue(createEngine({ instruments: SIMS.map((s) => s.instrument) }), clock);
  const feed = new EngineFeed({ venue, instruments: SIMS, seed: 9, stepsPerSecond: 10, clock, manual: true });
  const config: CoreConfig = {
    databaseUrl: db.url,
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: [TEST_ORIGIN],
    simSeed: 9,
    simTicksPerSecond: 10,
    logLevel: 'silent',
  };
  const core = await startCore(config, { clock, feed, logger: pino({ level: 'silent' }) });
  /** One agent step 100 ms later, durable, and its market data published. */
  const step = async () => {
    clock.advance(100);
    await feed.step();
    await new Promise((r) => setImmediate(r));
    feed.flush();
  };
  return { clock, venue, feed, core, step, wsUrl: `ws://127.0.0.1:${core.port}/v1/ws` };
}

const steps = (level: DepthLevel, i: 0 | 1): number => {
  if (BTC === undefined) throw new Error('BTC-USD missing from the catalog');
  const r = decimalToSteps(level[i], i === 0 ? BTC.tick : BTC.lot);
  if (!r.ok) throw new Error(`bad decimal ${level[i]}`);
  return Number(r.value);
};
const toLevels = (levels: DepthLevel[]): Level[] => levels.map((l) => [steps(l, 0), steps(l, 1)]);

describe('engine-backed feed over the WebSocket', () => {
  it('depth: a snapshot first, then deltas that keep a mirrored book equal to the engine book', async () => {
    const t = await startEngineCore();
    try {
      for (let i = 0; i < 5; i++) await t.step();
      const c = await TestClient.connect(t.wsUrl);
      await c.request({ op: 'subscribe', id: 's', topics: ['depth.BTC-USD', 'trades.BTC-USD', 'bars1s.BTC-USD'] });
      for (let i = 0; i < 40; i++) await t.step();
      const frames = (await c.flush()).filter((f) => f.type !== 'ack');
      const depth = frames.filter((f) => f.type === 'depthSnapshot' || f.type === 'depthDelta');
      expect(depth[0]?.type).toBe('depthSnapshot');
      expect(depth.length).toBeGreaterThan(10);
      const mirror = new DepthBook();
      for (const f of depth) {
        const frame = { symbol: 'BTC-USD', seq: f.seq, bids: toLevels(f.bids), asks: toLevels(f.asks) };
        if (f.type === 'depthSnapshot') mirror.reset(frame);
        else expect(mirror.apply(frame)).toBe(true);
      }
      const book = t.venue.engineState.instruments[t.venue.engineState.symbolIx.get('BTC-USD') ?? -1]?.book;
      const d = book?.depth(50);
      expect(mirror.levels('bids')).toEqual(d?.bids.map((l) => [l.priceTicks, l.totalLots]));
      expect(mirror.levels('asks')).toEqual(d?.asks.map((l) => [l.priceTicks, l.totalLots]));
      expect(mirror.levelCount('bids')).toBeGreaterThanOrEqual(5);

      const trades = frames.filter((f) => f.type === 'trade');
      expect(trades.length).toBeGreaterThan(3);
      expect(trades.map((f) => f.seq)).toEqual(trades.map((_, i) => (trades[0]?.seq ?? 0) + i));
      // 4 s of steps: at least a few closed 1-second bars with trades.
      const bars = frames.filter((f): f is Extract<ServerFrame, { type: 'bar' }> => f.type === 'bar');
      expect(bars.length).toBeGreaterThanOrEqual(2);
      for (const b of bars) {
        expect(b.openTimeMs % 1000).toBe(0);
        expect(b.trades).toBeGreaterThan(0);
      }
      await c.close();
    } finally {
      await t.core.close();
    }
  });

  it('a client that re-subscribes (after a gap) gets a fresh snapshot that deltas continue', async () => {
    const t = await startEngineCore();
    try {
      for (let i = 0; i < 5; i++) await t.step();
      const c = await TestClient.connect(t.wsUrl);
      await c.request({ op: 'subscribe', id: 'a', topics: ['depth.BTC-USD'] });
      const first = await c.next('depthSnapshot');
      await c.request({ op: 'unsubscribe', id: 'b', topics: ['depth.BTC-USD'] });
      for (let i = 0; i < 10; i++) await t.step();
      await c.flush();
      await c.request({ op: 'subscribe', id: 'c', topics: ['depth.BTC-USD'] });
      const again = await c.next('depthSnapshot');
      expect(again.seq).toBeGreaterThan(first.seq);
      const mirror = new DepthBook();
      mirror.reset({ symbol: 'BTC-USD', seq: again.seq, bids: toLevels(again.bids), asks: toLevels(again.asks) });
      for (let i = 0; i < 10; i++) await t.step();
      for (const f of await c.flush()) {
        if (f.type !== 'depthDelta') continue;
        expect(mirror.apply({ symbol: 'BTC-USD', seq: f.seq, bids: toLevels(f.bids), asks: toLevels(f.asks) })).toBe(
          true,
        );
      }
      expect(mirror.seq).toBeGreaterThan(again.seq);
      const book = t.venue.engineState.instruments[t.venue.engineState.symbolIx.get('BTC-USD') ?? -1]?.book;
      expect(mirror.levels('asks')).toEqual(book?.depth(50).asks.map((l) => [l.priceTicks, l.totalLots]));
      await c.close();
    } finally {
      await t.core.close();
    }
  });

  it('a user order meets the agents book: a market buy fills at the ask and prints a trade with the buy aggressor', async () => {
    const t = await startEngineCore();
    try {
      for (let i = 0; i < 5; i++) await t.step();
      const c = await TestClient.connect(t.wsUrl);
      await c.request({ op: 'subscribe', id: 's', topics: ['trades.BTC-USD', 'bbo.BTC-USD'] });
      await c.flush();
      const state = t.venue.engineState;
      const ask = state.instruments[state.symbolIx.get('BTC-USD') ?? -1]?.book.bestAskTicks() ?? 0;
      await t.venue.apply({ type: 'OpenAccount', accountId: 'u1', kind: 'cash' });
      await t.venue.apply({ type: 'Deposit', accountId: 'u1', currency: 'USD', amountMinor: 10n ** 8n });
      const events = await t.venue.apply({
        type: 'PlaceOrder',
        accountId: 'u1',
        order: { symbol: 'BTC-USD', side: 'buy', orderType: 'market', qtyLots: 3, tif: 'IOC' },
      });
      expect(events.some((e) => e.type === 'OrderFilled' && e.priceTicks === ask)).toBe(true);
      await new Promise((r) => setImmediate(r));
      const frames = await c.flush();
      const trade = frames.find((f) => f.type === 'trade');
      expect(trade).toMatchObject({ type: 'trade', symbol: 'BTC-USD', side: 'buy', qty: '0.0003' });
      expect(frames.some((f) => f.type === 'bbo')).toBe(true);
      await c.close();
    } finally {
      await t.core.close();
    }
  });
});
