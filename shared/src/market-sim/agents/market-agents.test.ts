import { describe, expect, it } from 'vitest';
import { SIMULATED_INSTRUMENTS } from '../../domain/catalog';
import { type Command, createEngine, type EngineEvent } from '../../engine/index';
import { MarketAgents } from './market-agents';
import { engineMarketView } from './market-view';

const T0 = Date.UTC(2026, 10, 24, 8, 0, 0);
const STEP_MS = 100;
const SIMS = SIMULATED_INSTRUMENTS.filter((s) => ['BTC-USD', 'AAPL', 'DOGE-USD'].includes(s.instrument.symbol));

function run(seed: number, steps: number, validateEvery = 0) {
  const engine = createEngine({ instruments: SIMS.map((s) => s.instrument) });
  const state = engine.initialState();
  const agents = new MarketAgents({ seed, instruments: SIMS, stepsPerSecond: 1000 / STEP_MS });
  const commands: Command[] = [];
  const events: EngineEvent[] = [];
  const apply = (cmds: Command[]) => {
    for (const c of cmds) {
      commands.push(c);
      events.push(...engine.apply(state, c));
    }
  };
  apply(agents.setup(T0, engineMarketView(state)));
  for (let k = 1; k <= steps; k++) {
    apply(agents.step(T0 + k * STEP_MS, engineMarketView(state)));
    if (validateEvery > 0 && k % validateEvery === 0) engine.validate(state);
  }
  return { engine, state, agents, commands, events };
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));

describe('market agents', () => {
  it('same seed and step times give the same commands, events and state hash', () => {
    const a = run(7, 300);
    const b = run(7, 300);
    expect(a.commands.length).toBeGreaterThan(1000);
    expect(json(a.commands)).toBe(json(b.commands));
    expect(json(a.events)).toBe(json(b.events));
    expect(a.engine.stateHash(a.state)).toBe(b.engine.stateHash(b.state));
    const c = run(8, 300);
    expect(json(c.commands)).not.toBe(json(a.commands));
  });

  it('keeps every book two-sided with depth, a positive spread and trades, and the engine valid', () => {
    const r = run(42, 400, 50);
    for (const sim of SIMS) {
      const book = r.state.instruments[r.state.symbolIx.get(sim.instrument.symbol) ?? -1]?.book;
      expect(book).toBeDefined();
      const d = book?.depth(100);
      expect(d?.bids.length).toBeGreaterThanOrEqual(5);
      expect(d?.asks.length).toBeGreaterThanOrEqual(5);
      const bid = book?.bestBidTicks() ?? 0;
      const ask = book?.bestAskTicks() ?? 0;
      expect(ask).toBeGreaterThan(bid);
      // Realistic: the touch within 20 bps of the fair price.
      const fair = r.agents.fairTicks(sim.instrument.symbol) ?? 0;
      expect((ask - bid) / fair).toBeLessThan(0.002);
      const trades = r.events.filter((e) => e.type === 'TradeExecuted' && e.symbol === sim.instrument.symbol);
      expect(trades.length).toBeGreaterThan(20);
    }
    const rejected = r.events.filter((e) => e.type === 'OrderRejected' || e.type === 'CommandRejected');
    expect(rejected.length / r.commands.length).toBeLessThan(0.01);
  });

  it('a large user market order walks the book and fills partially at several prices', () => {
    const r = run(3, 100);
    const { engine, state } = r;
    const t = T0 + 101 * STEP_MS;
    engine.apply(state, { type: 'OpenAccount', timeMs: t, accountId: 'user-1', kind: 'cash' });
    engine.apply(state, { type: 'Deposit', timeMs: t, accountId: 'user-1', currency: 'USD', amountMinor: 10n ** 9n });
    const ev = engine.apply(state, {
      type: 'PlaceOrder',
      timeMs: t,
      accountId: 'user-1',
      order: { symbol: 'BTC-USD', side: 'buy', orderType: 'limit', qtyLots: 20_000, priceTicks: 9_900_000, tif: 'IOC' },
    });
    const fills = ev.filter((e) => e.type === 'OrderFilled');
    expect(new Set(fills.map((f) => (f.type === 'OrderFilled' ? f.priceTicks : 0))).size).toBeGreaterThan(2);
    expect(fills.some((f) => f.type === 'OrderFilled' && f.status === 'partially_filled')).toBe(true);
    engine.validate(state);
  });

  it('setup opens only the accounts that are missing (a replayed journal already funded them)', () => {
    const r = run(1, 0);
    expect(r.agents.setup(T0 + 1, engineMarketView(r.state))).toEqual([]);
    expect(r.agents.accountIds.every((id) => r.state.accountIx.has(id))).toBe(true);
  });
});
