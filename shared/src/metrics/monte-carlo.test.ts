import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../market-sim/index';
import { type MonteCarloInput, monteCarloTrades, uniformIntBelow } from './monte-carlo';
import type { ClosedTrade } from './types';

const netTrade = (netMinor: bigint): ClosedTrade => ({
  entryTimeMs: 0,
  exitTimeMs: 1,
  side: 'long',
  qtyLots: 1,
  entryPriceTicks: 10,
  exitPriceTicks: 11,
  grossPnlMinor: netMinor + 2n,
  feesMinor: 2n,
});

function run(input: Partial<MonteCarloInput> & Pick<MonteCarloInput, 'trades'>) {
  const r = monteCarloTrades({ startEquityMinor: 100n, runs: 4_000, seed: 42, method: 'bootstrap', ...input });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('Monte Carlo of the trade sequence', () => {
  it('shuffle: the same total every run; the drawdown follows the six orders of three trades', () => {
    // Nets +10, −20, +30 from 100 (total always +20 → 0.2). The six orders and their drawdowns:
    //   +10 −20 +30: 110, 90, 120 → 20/110 = 0.1818    +10 +30 −20: 110, 140, 120 → 20/140 = 0.1429
    //   −20 +10 +30: 80, 90, 120 → 20/100 = 0.2         −20 +30 +10: 80, 110, 120 → 0.2
    //   +30 +10 −20: 130, 140, 120 → 0.1429             +30 −20 +10: 130, 110, 120 → 20/130 = 0.1538
    // So 1/3 of runs at 1/7, 1/6 at 0.1538, 1/6 at 0.1818, 1/3 at 0.2: p5 and p25 are 1/7, p75 and
    // p95 are 0.2 (each quantile sits well inside its block with 6,000 runs).
    const r = run({ trades: [netTrade(10n), netTrade(-20n), netTrade(30n)], runs: 6_000, method: 'shuffle' });
    expect(r.totalReturnRatio).toEqual({ p5: 0.2, p25: 0.2, p50: 0.2, p75: 0.2, p95: 0.2 });
    expect(r.maxDrawdownRatio.p5).toBeCloseTo(1 / 7, 15);
    expect(r.maxDrawdownRatio.p25).toBeCloseTo(1 / 7, 15);
    expect(r.maxDrawdownRatio.p75).toBeCloseTo(0.2, 15);
    expect(r.maxDrawdownRatio.p95).toBeCloseTo(0.2, 15);
    expect(r.ruinRatio).toBe(0);
  });

  it('bootstrap: draws with replacement, so the total varies', () => {
    // Two draws from {+10, −20} from 100, each sequence with probability 1/4:
    //   +10 +10: total 0.2, dd 0       +10 −20: total −0.1, dd 20/110 = 0.1818
    //   −20 +10: total −0.1, dd 0.2    −20 −20: total −0.4, dd 40/100 = 0.4
    // Totals: −0.4 (1/4), −0.1 (1/2), 0.2 (1/4) → p5 −0.4, p50 −0.1, p95 0.2.
    // Drawdowns: 0, 0.1818, 0.2, 0.4 (1/4 each) → p5 0, p95 0.4.
    const r = run({ trades: [netTrade(10n), netTrade(-20n)] });
    expect(r.totalReturnRatio.p5).toBeCloseTo(-0.4, 15);
    expect(r.totalReturnRatio.p50).toBeCloseTo(-0.1, 15);
    expect(r.totalReturnRatio.p95).toBeCloseTo(0.2, 15);
    expect(r.maxDrawdownRatio.p5).toBe(0);
    expect(r.maxDrawdownRatio.p95).toBeCloseTo(0.4, 15);
  });

  it('a run that loses all its equity is ruined: it stops, its drawdown is 1', () => {
    const r = run({ trades: [netTrade(-150n), netTrade(500n)], method: 'shuffle', runs: 1_000 });
    // Order −150 first: ruined at −50 (total −1.5). Order +500 first: 600 → 450, dd 0.25, total 3.5.
    expect(r.ruinRatio).toBeGreaterThan(0.4);
    expect(r.ruinRatio).toBeLessThan(0.6);
    expect(r.maxDrawdownRatio.p5).toBeCloseTo(0.25, 15);
    expect(r.maxDrawdownRatio.p95).toBe(1);
    expect(r.totalReturnRatio.p5).toBe(-1.5);
    expect(r.totalReturnRatio.p95).toBe(3.5);
  });

  it('no trades: every run ends where it started', () => {
    const r = run({ trades: [], runs: 10 });
    expect(r.totalReturnRatio).toEqual({ p5: 0, p25: 0, p50: 0, p75: 0, p95: 0 });
    expect(r.maxDrawdownRatio.p95).toBe(0);
  });

  it('the same seed gives the same result; another seed another one', () => {
    const trades = [3n, -7n, 12n, -1n, 5n, -9n, 4n].map(netTrade);
    expect(run({ trades, seed: 7 })).toEqual(run({ trades, seed: 7 }));
    expect(run({ trades, seed: 7 }).totalReturnRatio).not.toEqual(run({ trades, seed: 8 }).totalReturnRatio);
  });

  it('refuses bad parameters with typed errors', () => {
    const base: MonteCarloInput = { trades: [], startEquityMinor: 100n, runs: 1, seed: 1, method: 'shuffle' };
    const code = (patch: Partial<MonteCarloInput>) => {
      const r = monteCarloTrades({ ...base, ...patch });
      return r.ok ? null : r.code;
    };
    expect(code({})).toBeNull();
    expect(code({ runs: 0 })).toBe('METRICS_BAD_PARAMETER');
    expect(code({ runs: 1.5 })).toBe('METRICS_BAD_PARAMETER');
    expect(code({ seed: -1 })).toBe('METRICS_BAD_PARAMETER');
    expect(code({ seed: 2 ** 32 })).toBe('METRICS_BAD_PARAMETER');
    expect(code({ seed: 2 ** 32 - 1 })).toBeNull();
    expect(code({ method: 'jackknife' as never })).toBe('METRICS_BAD_PARAMETER');
    expect(code({ startEquityMinor: 0n })).toBe('METRICS_EQUITY_NOT_POSITIVE');
    expect(code({ trades: [{ ...netTrade(1n), qtyLots: -1 }] })).toBe('METRICS_BAD_TRADE');
  });
});

describe('uniformIntBelow', () => {
  it('covers [0, n) evenly (counts within 5 % of n/k over 300,000 draws)', () => {
    for (const n of [1, 3, 7, 1000, 2 ** 21]) {
      const rng = Xoshiro128.fromSeed(n);
      const buckets = Math.min(n, 10);
      const counts = new Float64Array(buckets);
      let outside = 0;
      for (let i = 0; i < 300_000; i++) {
        const x = uniformIntBelow(rng, n);
        if (!(Number.isInteger(x) && x >= 0 && x < n)) outside += 1;
        const bucket = Math.floor((x * buckets) / n);
        counts[bucket] = (counts[bucket] ?? 0) + 1;
      }
      expect(outside).toBe(0);
      for (const c of counts) expect(Math.abs(c - 300_000 / buckets)).toBeLessThan((0.05 * 300_000) / buckets);
    }
  });
});
