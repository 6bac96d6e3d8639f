import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Bar } from '../../market-data/index';
import type { StrategyDefinition } from '../../strategies/index';
import { generateBars } from '../generated-bars';
import { configFor, HOUR_MS, mustRun, T0_MS } from '../testing';
import { lookAheadCheck } from './look-ahead';
import { tradeMonteCarlo } from './monte-carlo';
import { evaluateCandidate, optimise } from './optimise';
import { CANDIDATES_MAX, gridCandidates, randomCandidates } from './param-space';
import { walkForward, walkForwardWindows } from './walk-forward';

const walk = generateBars({
  symbol: 'TST',
  interval: '1h',
  fromMs: T0_MS,
  count: 1_200,
  startTicks: 10_000,
  volatilityBps: 80,
  seed: 9,
});

describe('parameter spaces', () => {
  it('a grid is every combination, first parameter slowest', () => {
    const g = gridCandidates({ fast: { values: [2, 3] }, slow: { min: 10, max: 30, step: 10 } }, { qtyLots: 1 });
    expect(g.ok && g.value).toEqual([
      { qtyLots: 1, fast: 2, slow: 10 },
      { qtyLots: 1, fast: 2, slow: 20 },
      { qtyLots: 1, fast: 2, slow: 30 },
      { qtyLots: 1, fast: 3, slow: 10 },
      { qtyLots: 1, fast: 3, slow: 20 },
      { qtyLots: 1, fast: 3, slow: 30 },
    ]);
  });

  it('a grid of CANDIDATES_MAX is allowed, one more is refused', () => {
    expect(gridCandidates({ a: { min: 1, max: CANDIDATES_MAX, step: 1 } }).ok).toBe(true);
    expect(gridCandidates({ a: { min: 1, max: CANDIDATES_MAX, step: 1 }, b: { values: [1, 2] } }).ok).toBe(false);
  });

  it('random search is seeded', () => {
    const space = { fast: { min: 2, max: 20, step: 1 }, slow: { min: 21, max: 80, step: 1 } };
    expect(randomCandidates(space, 20, 5)).toEqual(randomCandidates(space, 20, 5));
    expect(randomCandidates(space, 20, 5)).not.toEqual(randomCandidates(space, 20, 6));
  });
});

describe('optimisation', () => {
  it('ranks candidates by the objective (best first) and sets aside what cannot be ranked', () => {
    const base = configFor('sma-cross', { qtyLots: 5 }, walk);
    const r = optimise({
      base,
      space: { fast: { values: [3, 5, 50] }, slow: { values: [20, 40] } },
      method: { kind: 'grid' },
      objective: { objective: 'return' },
    });
    if (!r.ok) throw new Error(r.message);
    // fast 50 ≥ slow 20/40: the schema refuses it: unranked with the reason.
    expect(r.value.unranked.map((c) => c.params.fast)).toEqual([50, 50]);
    expect(r.value.unranked[0]?.error).toMatch(/STRATEGY_PARAMS_INVALID/);
    const scores = r.value.ranked.map((c) => c.score as number);
    expect(scores).toHaveLength(4);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // The ranking's score is the run's own metric.
    const best = r.value.best;
    const again = mustRun({ ...base, params: best?.params });
    expect(again.performance?.metrics.totalReturnRatio).toBe(best?.score);
  });

  it('a drawdown cap removes deeper runs from the ranking', () => {
    const base = configFor('sma-cross', { qtyLots: 50 }, walk);
    const free = evaluateCandidate(base, { fast: 3, slow: 20, qtyLots: 50 }, 0, { objective: 'sharpe' });
    const dd = free.metrics?.maxDrawdownRatio as number;
    expect(dd).toBeGreaterThan(0);
    expect(
      evaluateCandidate(base, { fast: 3, slow: 20, qtyLots: 50 }, 0, { objective: 'sharpe', maxDrawdownCapRatio: dd })
        .score,
    ).toBe(free.score);
    expect(
      evaluateCandidate(base, { fast: 3, slow: 20, qtyLots: 50 }, 0, {
        objective: 'sharpe',
        maxDrawdownCapRatio: dd * 0.99,
      }).score,
    ).toBeNull();
  });
});

describe('walk-forward', () => {
  it('out-of-sample windows tile the range after the first in-sample window exactly', () => {
    const w = walkForwardWindows(0, 1_000, 300, 200);
    if (!w.ok) throw new Error(w.message);
    expect(w.value.map((x) => [x.inSampleFromMs, x.inSampleToMs, x.outOfSampleFromMs, x.outOfSampleToMs])).toEqual([
      [0, 300, 300, 500],
      [200, 500, 500, 700],
      [400, 700, 700, 900],
      [600, 900, 900, 1_000],
    ]);
    for (let i = 1; i < w.value.length; i++)
      expect(w.value[i]?.outOfSampleFromMs).toBe(w.value[i - 1]?.outOfSampleToMs);
    expect(walkForwardWindows(0, 300, 300, 100).ok).toBe(false);
    expect(walkForwardWindows(0, 1_000, 0, 100).ok).toBe(false);
  });

  it('stitches the out-of-sample runs: each starts from the previous one’s final equity', () => {
    const base = configFor('sma-cross', { qtyLots: 5 }, walk);
    const r = walkForward({
      base,
      space: { fast: { values: [3, 8] }, slow: { values: [20, 30] } },
      method: { kind: 'grid' },
      objective: { objective: 'return' },
      inSampleMs: 400 * HOUR_MS,
      outOfSampleMs: 200 * HOUR_MS,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.value.steps).toHaveLength(4);
    const times = r.value.equity.map((p) => p.timeMs);
    expect(times[0]).toBeGreaterThanOrEqual(T0_MS + 400 * HOUR_MS);
    for (let i = 1; i < times.length; i++) expect(times[i] as number).toBeGreaterThan(times[i - 1] as number);
    const steps = r.value.steps.filter((s) => s.outOfSample !== null);
    expect(r.value.equity[r.value.equity.length - 1]?.equityMinor).toBe(
      steps[steps.length - 1]?.outOfSample?.endEquityMinor,
    );
    expect(r.value.performance?.metrics.pointCount).toBe(r.value.equity.length);
  });
});

describe('Monte Carlo of the trades', () => {
  it('resamples the run’s trades from its start equity (shared/metrics)', () => {
    const run = mustRun(configFor('sma-cross', { fast: 3, slow: 20, qtyLots: 5 }, walk));
    const mc = tradeMonteCarlo(run, 500, 1, 'shuffle');
    if (!mc.ok) throw new Error(mc.message);
    // A shuffle keeps the sum: every run ends at the same total return.
    expect(mc.value.totalReturnRatio.p5).toBeCloseTo(mc.value.totalReturnRatio.p95, 12);
    expect(tradeMonteCarlo(run, 500, 1)).toEqual(tradeMonteCarlo(run, 500, 1));
  });
});

describe('look-ahead check', () => {
  const noParams = z.object({}).strict();
  /** Buys when the NEXT bar closes higher: it reads the data it was made from, one bar ahead. */
  const peeking = (bars: readonly Bar[]): StrategyDefinition => ({
    id: 'peek',
    name: 'peek',
    description: 'cheats',
    params: noParams,
    create: (_p, ctx) => {
      let i = 0;
      return {
        onBar(b) {
          const next = bars[++i];
          const held = ctx.position(b.symbol).qtyLots;
          if (next !== undefined && next.closeTicks > b.closeTicks && held === 0) ctx.marketBuy(b.symbol, 1);
          else if ((next === undefined || next.closeTicks < b.closeTicks) && held > 0) ctx.marketSell(b.symbol, held);
        },
      };
    },
  });

  it('flags a strategy that peeks at the next bar', () => {
    const r = lookAheadCheck(walk.slice(0, 300), (bars) => configFor(peeking(bars), {}, bars), 5);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.passed).toBe(false);
    expect(r.value.cuts.some((c) => !c.consistent)).toBe(true);
  });

  it('passes an honest one', () => {
    const r = lookAheadCheck(walk.slice(0, 300), (bars) => configFor('sma-cross', { fast: 3, slow: 10 }, bars), 5);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.cuts).toHaveLength(5);
    expect(r.value.passed).toBe(true);
  });
});
