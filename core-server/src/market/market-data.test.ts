import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { decimalToSteps, INSTRUMENTS, SIMULATED_INSTRUMENTS } from '@tradewind/shared';
import { type MarketTick, SimulatedMarket } from '@tradewind/shared/market-sim';
import type { ServerFrame } from '@tradewind/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { startTestCore, TEST_EPOCH_MS, type TestCore } from '../test-support/test-core';
import { MarketFrameEncoder } from './frame-encoder';

let db: DbHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

/** Each test gets its own core, so that its feed starts from step 0 of the seed. */
async function withCore(run: (t: TestCore) => Promise<void>): Promise<void> {
  const t = await startTestCore(db);
  try {
    await run(t);
  } finally {
    await t.core.close();
  }
}

const isMarket = (f: ServerFrame) => f.type === 'trade' || f.type === 'bbo';

describe('market data over the WebSocket', () => {
  it('delivers exactly the seeded simulation of the subscribed symbol, encoded once per tick', async () => {
    await withCore(async (t) => {
      const c = await TestClient.connect(t.wsUrl);
      const ack = await c.request({ op: 'subscribe', id: 's', topics: ['trades.BTC-USD', 'bbo.BTC-USD'] });
      expect(ack).toEqual({ type: 'ack', op: 'subscribe', id: 's', topics: ['trades.BTC-USD', 'bbo.BTC-USD'] });
      t.feed.step(20);
      const received = (await c.flush()).filter(isMarket);

      // The same seed through the pure market and an encoder of our own gives the expected frames.
      const market = new SimulatedMarket({ seed: 7, instruments: SIMULATED_INSTRUMENTS });
      const encoder = new MarketFrameEncoder(INSTRUMENTS);
      const expected: ServerFrame[] = [];
      for (let i = 0; i < 20; i++) {
        const ticks: MarketTick[] = [];
        market.step(TEST_EPOCH_MS, ticks);
        for (const tick of ticks) {
          const text = encoder.encode(tick).text;
          if (tick.symbol === 'BTC-USD') expected.push(JSON.parse(text) as ServerFrame);
        }
      }
      expect(received).toEqual(expected);
      expect(received.filter((f) => f.type === 'bbo')).toHaveLength(20);
      expect(received.some((f) => f.type === 'trade')).toBe(true);
      await c.close();
    });
  });

  it('numbers each topic 1, 2, 3… and prints prices and sizes on the instrument grid', async () => {
    await withCore(async (t) => {
      const c = await TestClient.connect(t.wsUrl);
      await c.request({ op: 'subscribe', id: 's', topics: ['trades.DOGE-USD', 'bbo.DOGE-USD', 'bbo.AAPL'] });
      t.feed.step(30);
      const frames = (await c.flush()).filter(isMarket);
      const doge = SIMULATED_INSTRUMENTS.find((s) => s.instrument.symbol === 'DOGE-USD')?.instrument;
      expect(doge).toBeDefined();
      const seqs = new Map<string, number[]>();
      for (const f of frames) {
        if (f.type !== 'trade' && f.type !== 'bbo') continue;
        const key = `${f.type}.${f.symbol}`;
        seqs.set(key, [...(seqs.get(key) ?? []), f.seq]);
        if (f.symbol === 'DOGE-USD' && doge && f.type === 'trade') {
          expect(decimalToSteps(f.price, doge.tick).ok).toBe(true);
          expect(decimalToSteps(f.qty, doge.lot).ok).toBe(true);
        }
      }
      expect([...seqs.keys()].sort()).toEqual(['bbo.AAPL', 'bbo.DOGE-USD', 'trade.DOGE-USD']);
      for (const list of seqs.values()) expect(list).toEqual(list.map((_, i) => i + 1));
      await c.close();
    });
  });

  it('gives a new subscriber the newest frame of each topic at once, after the ack', async () => {
    await withCore(async (t) => {
      t.feed.step(5);
      const c = await TestClient.connect(t.wsUrl);
      c.send({ op: 'subscribe', id: 'late', topics: ['bbo.SPY'] });
      const frames = await c.until((f) => f.type === 'bbo');
      expect(frames.map((f) => f.type)).toEqual(['hello', 'ack', 'bbo']);
      expect(frames[2]).toMatchObject({ type: 'bbo', symbol: 'SPY', seq: 5 });
      await c.close();
    });
  });

  it('stops a topic at unsubscribe and keeps the others', async () => {
    await withCore(async (t) => {
      const c = await TestClient.connect(t.wsUrl);
      await c.request({ op: 'subscribe', id: 's', topics: ['bbo.ETH-USD', 'bbo.SOL-USD'] });
      t.feed.step(2);
      await c.flush();
      const ack = await c.request({ op: 'unsubscribe', id: 'u', topics: ['bbo.ETH-USD', 'bbo.ETH-USD'] });
      expect(ack).toEqual({ type: 'ack', op: 'unsubscribe', id: 'u', topics: ['bbo.ETH-USD'] });
      t.feed.step(3);
      const after = (await c.flush()).filter(isMarket);
      expect(after.map((f) => (isMarket(f) && 'symbol' in f ? f.symbol : ''))).toEqual([
        'SOL-USD',
        'SOL-USD',
        'SOL-USD',
      ]);
      // Unsubscribing what one does not hold is a no-op, not an error.
      expect(await c.request({ op: 'unsubscribe', id: 'n', topics: ['trades.AAPL'] })).toMatchObject({ type: 'ack' });
      await c.close();
    });
  });
});
