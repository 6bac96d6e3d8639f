import { describe, expect, it } from 'vitest';
import { SIMULATED_INSTRUMENTS } from '../domain/catalog';
import type { MarketTick } from './events';
import { PRICE_BAND_FACTOR, SimulatedMarket } from './simulated-market';

function run(seed: number, steps: number, instruments = SIMULATED_INSTRUMENTS): MarketTick[] {
  const market = new SimulatedMarket({ seed, instruments });
  const out: MarketTick[] = [];
  for (let i = 0; i < steps; i++) market.step(1_000 + i * 100, out);
  return out;
}

describe('SimulatedMarket', () => {
  it('is deterministic: the same seed gives the same sequence, another seed another', () => {
    expect(run(42, 500)).toEqual(run(42, 500));
    expect(run(42, 50)).not.toEqual(run(43, 50));
  });

  it('gives a symbol the same sequence whatever other symbols the market holds', () => {
    const btc = SIMULATED_INSTRUMENTS.filter((s) => s.instrument.symbol === 'BTC-USD');
    const alone = run(9, 200, btc);
    const together = run(9, 200).filter((t) => t.symbol === 'BTC-USD');
    expect(together).toEqual(alone);
  });

  it('keeps its invariants over a long run: integers, uncrossed quotes, trades at the touch, prices in band', () => {
    const market = new SimulatedMarket({ seed: 2026, instruments: SIMULATED_INSTRUMENTS });
    const starts = new Map(SIMULATED_INSTRUMENTS.map((s) => [s.instrument.symbol as string, s]));
    const violations: string[] = [];
    let trades = 0;
    for (let i = 0; i < 5_000; i++) {
      const out: MarketTick[] = [];
      market.step(i, out);
      const quotes = new Map(out.filter((t) => t.kind === 'bbo').map((q) => [q.symbol as string, q]));
      if (quotes.size !== SIMULATED_INSTRUMENTS.length) violations.push(`step ${i}: ${quotes.size} quotes`);
      for (const t of out) {
        const sim = starts.get(t.symbol);
        const minLots = sim?.instrument.minQtyLots ?? 1;
        const ceiling = (sim?.startPriceTicks ?? 0) * PRICE_BAND_FACTOR;
        if (t.kind === 'bbo') {
          const ints = [t.bidTicks, t.askTicks, t.bidLots, t.askLots].every(Number.isSafeInteger);
          const ok = ints && t.bidTicks >= 1 && t.askTicks > t.bidTicks && t.bidTicks <= ceiling;
          if (!ok || Math.min(t.bidLots, t.askLots) < minLots) violations.push(`step ${i}: ${JSON.stringify(t)}`);
        } else {
          trades += 1;
          const q = quotes.get(t.symbol);
          const touch = t.side === 'buy' ? q?.askTicks : q?.bidTicks;
          if (t.priceTicks !== touch || !Number.isSafeInteger(t.qtyLots) || t.qtyLots < minLots) {
            violations.push(`step ${i}: ${JSON.stringify(t)}`);
          }
        }
      }
    }
    expect(violations.slice(0, 5)).toEqual([]);
    // TRADE_PROBABILITY of 0.8 over 60,000 instrument-steps: far from both 0 and all.
    expect(trades).toBeGreaterThan(40_000);
    expect(trades).toBeLessThan(56_000);
  });

  it('moves prices with about the catalog volatility per step', () => {
    const eth = SIMULATED_INSTRUMENTS.filter((s) => s.instrument.symbol === 'ETH-USD');
    const mids = run(5, 20_000, eth)
      .filter((t) => t.kind === 'bbo')
      .map((q) => (q.kind === 'bbo' ? (q.bidTicks + q.askTicks) / 2 : 0));
    let sumSq = 0;
    for (let i = 1; i < mids.length; i++) {
      const r = ((mids[i] ?? 0) - (mids[i - 1] ?? 0)) / (mids[i - 1] ?? 1);
      sumSq += r * r;
    }
    const volBps = Math.sqrt(sumSq / (mids.length - 1)) * 10_000;
    // ETH's catalog volatility is 5 bps; the quote's spread jitter adds a little noise.
    expect(volBps).toBeGreaterThan(4);
    expect(volBps).toBeLessThan(6.5);
  });

  it('refuses a bad seed and duplicate symbols', () => {
    expect(() => new SimulatedMarket({ seed: -1, instruments: SIMULATED_INSTRUMENTS })).toThrow();
    expect(() => new SimulatedMarket({ seed: 1.5, instruments: SIMULATED_INSTRUMENTS })).toThrow();
    const [first] = SIMULATED_INSTRUMENTS;
    expect(first).toBeDefined();
    if (first) expect(() => new SimulatedMarket({ seed: 1, instruments: [first, first] })).toThrow();
  });
});
