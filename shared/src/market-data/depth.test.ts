import { describe, expect, it } from 'vitest';
import { SIMULATED_INSTRUMENTS } from '../domain/catalog';
import { createEngine, type FillSink, OrderBook } from '../engine/index';
import { MarketAgents } from '../market-sim/agents/index';
import { engineMarketView } from '../market-sim/agents/market-view';
import { Xoshiro128 } from '../market-sim/index';
import { DepthBook } from './depth-book';
import { DepthTracker } from './depth-tracker';
import { MarketDataDeriver } from './market-data-deriver';
import { emptyBatch } from './types';

const levels = (l: readonly { priceTicks: number; totalLots: number }[]) => l.map((x) => [x.priceTicks, x.totalLots]);
const NO_SINK: FillSink = { onFill() {}, onSelfTradePrevented() {} };

describe('depth deltas', () => {
  it('from the book depth listener: snapshot + deltas reproduce the whole book over a long random run', () => {
    const tracker = new DepthTracker('X', Number.POSITIVE_INFINITY);
    const book = new OrderBook({ depthListener: tracker });
    const client = new DepthBook();
    client.reset(tracker.snapshot());
    const rng = Xoshiro128.fromSeed(11);
    const live: number[] = [];
    for (let id = 1; id <= 20_000; id++) {
      if (live.length > 0 && rng.nextFloat() < 0.4) {
        const [gone] = live.splice(rng.nextInt(Math.min(4096, live.length)), 1);
        book.cancel(gone ?? 0);
      } else {
        const side = rng.nextFloat() < 0.5 ? 'buy' : 'sell';
        const priceTicks = 1000 + rng.nextInt(60) - (side === 'buy' ? 8 : -8);
        const order = {
          orderId: id,
          ownerId: rng.nextInt(5),
          side,
          type: 'limit',
          priceTicks,
          qtyLots: 1 + rng.nextInt(50),
          tif: 'GTC',
          postOnly: false,
        } as const;
        const outcome = book.submit(order, NO_SINK);
        if (outcome === 'rested' || outcome === 'partially-filled-rested') live.push(id);
      }
      const delta = tracker.flush();
      if (delta !== undefined) expect(client.apply(delta)).toBe(true);
      if (id % 500 === 0) {
        const d = book.depth();
        expect(client.levels('bids')).toEqual(levels(d.bids));
        expect(client.levels('asks')).toEqual(levels(d.asks));
        // A late joiner's snapshot is the same book at the same seq.
        expect(tracker.snapshot()).toEqual(client.snapshot('X'));
      }
    }
  });

  it('from the engine (diff of the top levels): a mirrored client equals the top of every book, and BBO follows', () => {
    const sims = SIMULATED_INSTRUMENTS.slice(0, 3);
    const engine = createEngine({ instruments: sims.map((s) => s.instrument) });
    const state = engine.initialState();
    const agents = new MarketAgents({ seed: 5, instruments: sims, stepsPerSecond: 10, levelsPerSide: 8 });
    const symbols: string[] = sims.map((s) => s.instrument.symbol);
    const deriver = new MarketDataDeriver(symbols, { levelsMax: 10 });
    const clients = new Map(symbols.map((s) => [s, new DepthBook()]));
    for (const s of symbols) clients.get(s)?.reset(deriver.snapshot(s) ?? { symbol: s, seq: 0, bids: [], asks: [] });
    const bookOf = (s: string) => state.instruments[state.symbolIx.get(s) ?? -1]?.book;
    const t0 = Date.UTC(2026, 0, 1);
    for (let k = 0; k < 600; k++) {
      const now = t0 + k * 100;
      const batch = emptyBatch();
      const cmds = k === 0 ? agents.setup(now, engineMarketView(state)) : agents.step(now, engineMarketView(state));
      for (const c of cmds) deriver.onEvents(now, engine.apply(state, c), batch);
      deriver.sync(now, bookOf, batch);
      for (const d of batch.depth) expect(clients.get(d.symbol)?.apply(d)).toBe(true);
      for (const s of symbols) {
        const d = bookOf(s)?.depth(10);
        expect(clients.get(s)?.levels('bids')).toEqual(levels(d?.bids ?? []));
        expect(clients.get(s)?.levels('asks')).toEqual(levels(d?.asks ?? []));
        const q = deriver.quote(s);
        if (q !== undefined)
          expect([q.bidTicks, q.askTicks]).toEqual([bookOf(s)?.bestBidTicks(), bookOf(s)?.bestAskTicks()]);
      }
      for (const q of batch.quotes) expect(q.tsMs).toBe(now);
    }
  });

  it('a client that misses a delta sees the gap and refuses the next one; a fresh snapshot re-syncs it', () => {
    const tracker = new DepthTracker('X');
    const client = new DepthBook();
    client.reset(tracker.snapshot());
    tracker.onDepthDelta('buy', 100, 5, 1);
    const first = tracker.flush();
    tracker.onDepthDelta('buy', 100, 0, 2);
    tracker.onDepthDelta('sell', 101, 3, 3);
    const second = tracker.flush();
    expect(first?.seq).toBe(1);
    expect(second?.seq).toBe(2);
    expect(tracker.flush()).toBeUndefined();
    expect(second && client.apply(second)).toBe(false);
    expect(client.levelCount('asks')).toBe(0);
    client.reset(tracker.snapshot());
    expect(client.levels('asks')).toEqual([[101, 3]]);
    expect(client.levels('bids')).toEqual([]);
  });

  it('a change that is undone before the flush emits nothing', () => {
    const tracker = new DepthTracker('X');
    tracker.onDepthDelta('sell', 10, 4, 1);
    tracker.onDepthDelta('sell', 10, 0, 2);
    expect(tracker.flush()).toBeUndefined();
  });
});
