import { describe, expect, it } from 'vitest';
import { DAY_MS, daysFromCivil } from './calendar';
import { normalCdf } from './normal';
import { computePerformance } from './report';
import type { ClosedTrade, EquityPoint, PerformanceReport } from './types';

const T0 = daysFromCivil(2026, 1, 1) * DAY_MS;
const day = (n: number) => T0 + n * DAY_MS;
const points = (equities: readonly bigint[], stepMs = DAY_MS): EquityPoint[] =>
  equities.map((equityMinor, i) => ({ timeMs: T0 + i * stepMs, equityMinor }));
const trade = (entryDay: number, exitDay: number, grossPnlMinor: bigint, feesMinor: bigint): ClosedTrade => ({
  entryTimeMs: day(entryDay),
  exitTimeMs: day(exitDay),
  side: 'long',
  qtyLots: 1,
  entryPriceTicks: 100,
  exitPriceTicks: 101,
  grossPnlMinor,
  feesMinor,
});

function report(input: Parameters<typeof computePerformance>[0]): PerformanceReport {
  const r = computePerformance(input);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

describe('computePerformance on a hand-checked series', () => {
  // Daily equity 10,000 → 11,000 → 9,900 → 10,890 → 10,890 (minor units), P = 100 periods/year
  // (so that √P = 10 keeps the arithmetic by hand).
  // Returns: 1,000/10,000 = +0.1; −1,100/11,000 = −0.1; 990/9,900 = +0.1; 0/10,890 = 0.
  // mean = 0.1/4 = 0.025. Deviations +0.075, −0.125, +0.075, −0.025; squares 0.005625,
  // 0.015625, 0.005625, 0.000625, sum 0.0275. Sample variance 0.0275/3 = 0.0091667,
  // stdev 0.0957427. Volatility = 0.0957427 × 10 = 0.957427.
  // Sharpe (r_f = 0) = 0.025 / 0.0957427 × 10 = 2.611165.
  // Sortino: only −0.1 is below 0: DD = √(0.01 / 4) = 0.05 (n = 4, not 1); 0.025 / 0.05 × 10 = 5.
  // Total return = 890 / 10,000 = 0.089. Drawdowns: 0, 0, 9,900/11,000 − 1 = −0.1,
  // 10,890/11,000 − 1 = −0.01, −0.01. Max drawdown 0.1 from day 1 (peak) to day 2 (trough), not
  // recovered: duration = day 4 − day 1 = 3 days.
  // CAGR = 1.089^(365.25/4) − 1 = e^(91.3125 × 0.0852605) − 1 = e^7.78535 − 1 ≈ 2,404.6.
  const equity = points([10_000n, 11_000n, 9_900n, 10_890n, 10_890n]);
  const trades = [
    trade(0, 1, 110n, 10n), // net +100: a win
    trade(0.5, 1.5, -45n, 5n), // net −50: a loss (overlaps the first: exposure counts it once)
    trade(3, 5, 32n, 2n), // net +30: a win; open past the last sample, clipped at day 4
    trade(2, 2, 3n, 3n), // net 0: neither; zero length
  ];
  const r = report({ equity, trades, feesMinor: 25n, turnoverMinor: 21_000n, periodsPerYear: 100 });
  const m = r.metrics;

  it('returns, volatility, Sharpe, Sortino', () => {
    expect(m.totalReturnRatio).toBeCloseTo(0.089, 15);
    expect(m.volatilityAnnualRatio).toBeCloseTo(0.957427, 6);
    expect(m.sharpeAnnual).toBeCloseTo(2.611165, 6);
    expect(m.sortinoAnnual).toBeCloseTo(5, 12);
    expect(m.periodsPerYear).toBe(100);
  });

  it('CAGR and Calmar', () => {
    expect(m.cagrRatio).not.toBeNull();
    expect((m.cagrRatio as number) / 2404.6).toBeCloseTo(1, 3);
    expect(m.cagrRatio).toBeCloseTo(1.089 ** (365.25 / 4) - 1, 9);
    // Calmar = CAGR / 0.1.
    expect(m.calmar).toBeCloseTo((m.cagrRatio as number) / 0.1, 6);
  });

  it('max drawdown, its duration and the longest underwater period', () => {
    expect(m.maxDrawdownRatio).toBeCloseTo(0.1, 15);
    expect(m.maxDrawdown).toEqual({
      depthRatio: m.maxDrawdownRatio,
      peakTimeMs: day(1),
      troughTimeMs: day(2),
      recoveryTimeMs: null,
      durationMs: 3 * DAY_MS,
    });
    expect(m.longestUnderwaterMs).toBe(3 * DAY_MS);
  });

  it('the equity, cumulative return and drawdown series', () => {
    expect(r.series.timeMs).toEqual([day(0), day(1), day(2), day(3), day(4)]);
    expect(r.series.equityMinor).toEqual([10_000n, 11_000n, 9_900n, 10_890n, 10_890n]);
    const close = (xs: readonly number[], ys: number[]) => {
      for (const [i, x] of xs.entries()) expect(x).toBeCloseTo(ys[i] as number, 15);
    };
    close(r.series.cumulativeReturnRatio, [0, 0.1, -0.01, 0.089, 0.089]);
    close(r.series.drawdownRatio, [0, 0, -0.1, -0.01, -0.01]);
  });

  it('trade statistics', () => {
    // Nets +100, −50, +30, 0: 2 wins, 1 loss, 4 trades. Win ratio 2/4 = 0.5. Profit factor 130/50
    // = 2.6. Expectancy (100 − 50 + 30 + 0)/4 = 20. Avg win 65, avg loss −50, payoff 1.3.
    // Gross 110 − 45 + 32 + 3 = 100; trade fees 10 + 5 + 2 + 3 = 20; net 80.
    expect(m.trades).toEqual({
      tradeCount: 4,
      winCount: 2,
      lossCount: 1,
      winRatio: 0.5,
      profitFactor: 2.6,
      noLosingTrades: false,
      expectancyMinor: 20,
      avgWinMinor: 65,
      avgLossMinor: -50,
      payoffRatio: 1.3,
      netPnlMinor: 80n,
      grossPnlMinor: 100n,
      tradeFeesMinor: 20n,
    });
  });

  it('exposure, fees and turnover', () => {
    // Open intervals [0, 1] ∪ [0.5, 1.5] = [0, 1.5]; [3, 5] clipped to [3, 4]; [2, 2] is empty.
    // Covered 1.5 + 1 = 2.5 days of 4: 0.625.
    expect(m.exposureRatio).toBe(0.625);
    expect(m.feesMinor).toBe(25n);
    // Mean equity (10,000 + 11,000 + 9,900 + 10,890 + 10,890)/5 = 52,680/5 = 10,536.
    expect(m.turnoverRatio).toBeCloseTo(21_000 / 10_536, 15);
  });

  it('skewness, kurtosis and the probabilistic Sharpe ratio', () => {
    // Population moments of the returns: m2 = 0.0275/4 = 0.006875;
    // m3 = (0.075³ − 0.125³ + 0.075³ − 0.025³)/4 = −0.001125/4 = −0.00028125;
    // m4 = (2 × 0.075⁴ + 0.125⁴ + 0.025⁴)/4 = 0.0003078125/4 = 0.000076953125.
    // skewness = −0.00028125 / 0.006875^1.5 = −0.493382; kurtosis = m4 / m2² = 1.628099.
    // Per-period SR = 0.2611165; PSR(0) = Φ(0.2611165 × √3 / √(1 + 0.493382 × 0.2611165
    //   + 0.628099/4 × 0.2611165²)) = Φ(0.452267 / √1.139537) = Φ(0.423672) ≈ 0.66410.
    expect(m.skewness).toBeCloseTo(-0.493382, 6);
    expect(m.kurtosis).toBeCloseTo(1.628099, 6);
    expect(m.probabilisticSharpe).toBeCloseTo(0.6641, 4);
    expect(m.probabilisticSharpe).toBeCloseTo(normalCdf(0.423672), 6);
  });

  it('the monthly table: one January row with the total return', () => {
    expect(r.monthly).toEqual([{ year: 2026, month: 1, returnRatio: m.totalReturnRatio }]);
  });

  it('a risk-free rate lowers the Sharpe ratio and a benchmark lowers the PSR', () => {
    const withRf = report({
      equity,
      trades,
      feesMinor: 0n,
      turnoverMinor: 0n,
      periodsPerYear: 100,
      riskFreeRateAnnualRatio: 0.05,
      benchmarkSharpeAnnual: 1,
    }).metrics;
    // r_f per period = 1.05^(1/100) − 1 = 0.000488; Sharpe = (0.025 − 0.000488)/0.0957427 × 10.
    const rf = 1.05 ** 0.01 - 1;
    expect(withRf.sharpeAnnual).toBeCloseTo(((0.025 - rf) / 0.0957427) * 10, 5);
    expect(withRf.probabilisticSharpe as number).toBeLessThan(m.probabilisticSharpe as number);
    expect(withRf.sortinoAnnual).toBe(m.sortinoAnnual); // target return 0, not r_f: see README
  });

  it('derives periods per year from the median sampling interval', () => {
    // Hourly samples with one 5-hour gap: the median interval is still 1 hour → 8,766 periods.
    const hourly = [0, 1, 2, 3, 8, 9].map((h, i) => ({ timeMs: T0 + h * 3_600_000, equityMinor: BigInt(100 + i) }));
    const derived = report({ equity: hourly, trades: [], feesMinor: 0n, turnoverMinor: 0n }).metrics;
    expect(derived.periodsPerYear).toBe(365.25 * 24);
  });

  it('a recovered drawdown ends at the first sample back at the peak', () => {
    // 100 → 80 → 90 → 100 → 95 → 120: first episode day 0…3 (depth 0.2), second day 3…5 (0.05).
    const rec = report({
      equity: points([100n, 80n, 90n, 100n, 95n, 120n]),
      trades: [],
      feesMinor: 0n,
      turnoverMinor: 0n,
    }).metrics;
    expect(rec.maxDrawdown).toEqual({
      depthRatio: 0.2,
      peakTimeMs: day(0),
      troughTimeMs: day(1),
      recoveryTimeMs: day(3),
      durationMs: 3 * DAY_MS,
    });
    expect(rec.longestUnderwaterMs).toBe(3 * DAY_MS);
  });
});
