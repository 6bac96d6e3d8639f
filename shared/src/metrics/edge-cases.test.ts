import { describe, expect, it } from 'vitest';
import { DAY_MS, daysFromCivil } from './calendar';
import { computePerformance } from './report';
import { sharpeRatio, ZERO_VOLATILITY_RELATIVE } from './risk-adjusted';
import { tradeStats } from './trade-stats';
import type { ClosedTrade, EquityPoint, PerformanceMetrics } from './types';

const T0 = daysFromCivil(2026, 3, 1) * DAY_MS;
const points = (equities: readonly bigint[]): EquityPoint[] =>
  equities.map((equityMinor, i) => ({ timeMs: T0 + i * DAY_MS, equityMinor }));
const net = (netMinor: bigint): ClosedTrade => ({
  entryTimeMs: T0,
  exitTimeMs: T0 + DAY_MS,
  side: 'short',
  qtyLots: 3,
  entryPriceTicks: 500,
  exitPriceTicks: 490,
  grossPnlMinor: netMinor + 1n,
  feesMinor: 1n,
});

function metricsOf(equity: EquityPoint[], trades: ClosedTrade[] = []): PerformanceMetrics {
  const r = computePerformance({ equity, trades, feesMinor: 0n, turnoverMinor: 0n });
  if (!r.ok) throw new Error(r.message);
  return r.value.metrics;
}

/** No metric may be NaN or ±Infinity: undefined answers are null. */
function expectNoNonFinite(m: PerformanceMetrics): void {
  for (const [key, value] of Object.entries({ ...m, ...m.trades })) {
    if (typeof value === 'number') expect(Number.isFinite(value), key).toBe(true);
  }
}

describe('edge cases', () => {
  it('an empty series gives a report of nulls, not an error', () => {
    const r = computePerformance({ equity: [], trades: [], feesMinor: 0n, turnoverMinor: 0n });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.value.metrics;
    expect(m).toMatchObject({
      pointCount: 0,
      startTimeMs: null,
      totalReturnRatio: null,
      cagrRatio: null,
      sharpeAnnual: null,
      maxDrawdownRatio: null,
      maxDrawdown: null,
      exposureRatio: null,
      turnoverRatio: null,
      durationMs: 0,
    });
    expect(m.trades.winRatio).toBeNull();
    expect(r.value.series.timeMs).toEqual([]);
    expect(r.value.monthly).toEqual([]);
    expectNoNonFinite(m);
  });

  it('one point: zero return and drawdown, no volatility, no annualisation', () => {
    const m = metricsOf(points([5_000n]));
    expect(m).toMatchObject({
      totalReturnRatio: 0,
      maxDrawdownRatio: 0,
      maxDrawdown: null,
      volatilityAnnualRatio: null,
      sharpeAnnual: null,
      sortinoAnnual: null,
      cagrRatio: null, // zero duration
      calmar: null,
      periodsPerYear: null,
      exposureRatio: null,
    });
    expectNoNonFinite(m);
  });

  it('flat equity: zero volatility and drawdown, Sharpe/Sortino/Calmar null', () => {
    const m = metricsOf(points([7_000n, 7_000n, 7_000n, 7_000n]));
    expect(m).toMatchObject({
      totalReturnRatio: 0,
      cagrRatio: 0,
      volatilityAnnualRatio: 0,
      sharpeAnnual: null,
      sortinoAnnual: null,
      calmar: null,
      maxDrawdownRatio: 0,
      skewness: null,
      kurtosis: null,
      probabilisticSharpe: null,
    });
    expectNoNonFinite(m);
  });

  it('a steady gain: no downside, so Sortino is null; constant returns have no Sharpe', () => {
    // 1,000 → 1,100 → 1,210 → 1,331: every return is exactly 0.1 (each division is exact to the
    // same double), so the standard deviation is exactly 0.
    const m = metricsOf(points([1_000n, 1_100n, 1_210n, 1_331n]));
    expect(m.sharpeAnnual).toBeNull();
    expect(m.sortinoAnnual).toBeNull();
    expect(m.calmar).toBeNull();
    expect(m.totalReturnRatio).toBeCloseTo(0.331, 15);
    expectNoNonFinite(m);
  });

  it('float residue of constant returns counts as zero volatility; a real spread does not', () => {
    // 0.1 and its neighbour double differ by ~1.4e-17: stdev/mean ≈ 1e-16 < 1e-9.
    expect(ZERO_VOLATILITY_RELATIVE).toBe(1e-9);
    expect(sharpeRatio(Float64Array.of(0.1, 0.1000000000000001, 0.1), 0, 1)).toBeNull();
    expect(sharpeRatio(Float64Array.of(0.1, 0.100001, 0.1), 0, 1)).not.toBeNull();
  });

  it('a short steep period whose CAGR overflows reports null, not Infinity', () => {
    // Doubling in a minute compounds to 2^525,960 a year: beyond a double.
    const equity = [
      { timeMs: T0, equityMinor: 100n },
      { timeMs: T0 + 60_000, equityMinor: 200n },
    ];
    const m = metricsOf(equity);
    expect(m.cagrRatio).toBeNull();
    expect(m.calmar).toBeNull();
    expectNoNonFinite(m);
  });

  it('no losing trades: profit factor null with the flag set', () => {
    const s = tradeStats([net(10n), net(30n), net(0n)]);
    expect(s).toMatchObject({
      winRatio: 2 / 3,
      profitFactor: null,
      noLosingTrades: true,
      avgWinMinor: 20,
      avgLossMinor: null,
      payoffRatio: null,
      expectancyMinor: 40 / 3,
    });
  });

  it('all losing trades: win ratio 0, profit factor 0, no average win', () => {
    const s = tradeStats([net(-10n), net(-30n)]);
    expect(s).toMatchObject({
      winRatio: 0,
      profitFactor: 0,
      noLosingTrades: false,
      avgWinMinor: null,
      avgLossMinor: -20,
      payoffRatio: null,
      expectancyMinor: -20,
      netPnlMinor: -40n,
    });
  });

  it('no trades: every trade statistic null, the flag clear', () => {
    expect(tradeStats([])).toMatchObject({
      tradeCount: 0,
      winRatio: null,
      profitFactor: null,
      noLosingTrades: false,
      expectancyMinor: null,
    });
  });

  it('equity beyond 2^53 minor units keeps its returns exact (bigint difference first)', () => {
    // 2^60 → 2^60 + 1: the naive Number(a)/Number(b) − 1 gives 0; the exact difference gives 2^-60.
    const big = 2n ** 60n;
    const m = metricsOf(points([big, big + 1n]));
    expect(m.totalReturnRatio).toBe(2 ** -60);
  });
});
