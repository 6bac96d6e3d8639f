import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, daysFromCivil, monthIndexOfMs } from './calendar';
import { monteCarloTrades } from './monte-carlo';
import { computePerformance } from './report';
import { exposureRatio } from './trade-stats';
import type { ClosedTrade, EquityPoint, PerformanceReport } from './types';

const T0 = daysFromCivil(2025, 11, 20) * DAY_MS;

/** Positive equities ≤ 10^9 at increasing times (gaps of up to 40 days cross months and years). */
const equityArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 40 * DAY_MS }), fc.bigInt({ min: 1n, max: 1_000_000_000n })), {
    minLength: 0,
    maxLength: 60,
  })
  .map((rows) => {
    let timeMs = T0;
    return rows.map(([stepMs, equityMinor]): EquityPoint => {
      timeMs += stepMs;
      return { timeMs, equityMinor };
    });
  });

function reportOf(equity: readonly EquityPoint[]): PerformanceReport {
  const r = computePerformance({ equity, trades: [], feesMinor: 0n, turnoverMinor: 0n });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** The simple thing: max over i < j of (E_i − E_j)/E_i, in O(n²). */
function naiveMaxDrawdown(equity: readonly EquityPoint[]): number {
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    for (let j = i + 1; j < equity.length; j++) {
      const a = Number((equity[i] as EquityPoint).equityMinor);
      const b = Number((equity[j] as EquityPoint).equityMinor);
      worst = Math.max(worst, (a - b) / a);
    }
  }
  return worst;
}

describe('metric properties', () => {
  it('scaling the equity curve by a constant leaves every returns-based metric unchanged', () => {
    // Equity × k stays below 2^53, so (kΔ)/(kE) is the same real quotient and rounds to the same double.
    fc.assert(
      fc.property(equityArb, fc.bigInt({ min: 1n, max: 1_000_000n }), (equity, k) => {
        const a = reportOf(equity);
        const b = reportOf(equity.map((p) => ({ ...p, equityMinor: p.equityMinor * k })));
        const pick = (r: PerformanceReport) => {
          const { startEquityMinor, endEquityMinor, turnoverRatio, ...rest } = r.metrics;
          return { rest, series: { ...r.series, equityMinor: [] }, monthly: r.monthly };
        };
        expect(pick(b)).toEqual(pick(a));
      }),
      { seed: 5 },
    );
  });

  it('max drawdown lies in [0, 1] and equals the naive O(n²) maximum; the drawdown series is ≤ 0 and 0 at highs', () => {
    fc.assert(
      fc.property(equityArb, (equity) => {
        const { metrics, series } = reportOf(equity);
        if (equity.length === 0) {
          expect(metrics.maxDrawdownRatio).toBeNull();
          return;
        }
        const mdd = metrics.maxDrawdownRatio as number;
        expect(mdd).toBeGreaterThanOrEqual(0);
        expect(mdd).toBeLessThanOrEqual(1);
        expect(mdd).toBeCloseTo(naiveMaxDrawdown(equity), 12);
        let peak = 0n;
        series.drawdownRatio.forEach((dd, i) => {
          const e = (equity[i] as EquityPoint).equityMinor;
          expect(dd).toBeLessThanOrEqual(0);
          if (e >= peak) {
            expect(dd).toBe(0);
            peak = e;
          }
        });
        expect(Math.min(0, ...series.drawdownRatio)).toBeCloseTo(-mdd, 12);
        expect(metrics.longestUnderwaterMs).toBeGreaterThanOrEqual(metrics.maxDrawdown?.durationMs ?? 0);
        expect(metrics.longestUnderwaterMs).toBeLessThanOrEqual(metrics.durationMs);
      }),
      { seed: 6 },
    );
  });

  it('monthly returns compound to the total return', () => {
    fc.assert(
      fc.property(equityArb, (equity) => {
        const { metrics, monthly } = reportOf(equity);
        if (equity.length === 0) {
          expect(monthly).toEqual([]);
          return;
        }
        const growth = monthly.reduce((g, m) => g * (1 + (m.returnRatio ?? 0)), 1);
        // Relative, and loose on purpose: a month from 10^9 down to 1 has r ≈ −1 + 10^-9, and 1 + r
        // then keeps only ~7 significant digits (cancellation), a limit of returns as ratios.
        expect(growth / (1 + (metrics.totalReturnRatio as number))).toBeCloseTo(1, 5);
        // One row per calendar month from the first sample's to the last's, none skipped.
        const first = equity[0] as EquityPoint;
        const last = equity[equity.length - 1] as EquityPoint;
        expect(monthly.length).toBe(monthIndexOfMs(last.timeMs) - monthIndexOfMs(first.timeMs) + 1);
      }),
      { seed: 7 },
    );
  });

  it('no metric is NaN or ±Infinity, whatever the curve', () => {
    fc.assert(
      fc.property(equityArb, (equity) => {
        const { metrics } = reportOf(equity);
        for (const [key, v] of Object.entries(metrics)) {
          if (typeof v === 'number') expect(Number.isFinite(v), key).toBe(true);
        }
      }),
      { seed: 8 },
    );
  });

  it('exposure equals a brute-force count of covered milliseconds', () => {
    const interval = fc.tuple(fc.integer({ min: -20, max: 120 }), fc.integer({ min: 0, max: 60 }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), (spans) => {
        const trades = spans.map(
          ([entry, length]): ClosedTrade => ({
            entryTimeMs: entry,
            exitTimeMs: entry + length,
            side: 'long',
            qtyLots: 1,
            entryPriceTicks: 1,
            exitPriceTicks: 1,
            grossPnlMinor: 0n,
            feesMinor: 0n,
          }),
        );
        let covered = 0;
        for (let ms = 0; ms < 100; ms++) {
          if (trades.some((t) => t.entryTimeMs <= ms && ms < t.exitTimeMs)) covered += 1;
        }
        expect(exposureRatio(trades, 0, 100)).toBeCloseTo(covered / 100, 12);
      }),
      { seed: 9 },
    );
  });

  it('Monte Carlo: same seed, same result; percentiles monotone; drawdown in [0, 1]; shuffle keeps the total', () => {
    const tradesArb = fc.array(fc.bigInt({ min: -500n, max: 500n }), { minLength: 1, maxLength: 30 }).map((nets) =>
      nets.map(
        (net): ClosedTrade => ({
          entryTimeMs: 0,
          exitTimeMs: 1,
          side: 'short',
          qtyLots: 1,
          entryPriceTicks: 5,
          exitPriceTicks: 4,
          grossPnlMinor: net,
          feesMinor: 0n,
        }),
      ),
    );
    fc.assert(
      fc.property(
        tradesArb,
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.constantFrom('bootstrap' as const, 'shuffle' as const),
        (trades, seed, method) => {
          const input = { trades, startEquityMinor: 2_000n, runs: 200, seed, method };
          const a = monteCarloTrades(input);
          const b = monteCarloTrades(input);
          expect(a).toEqual(b);
          if (!a.ok) throw new Error(a.message);
          for (const p of [a.value.totalReturnRatio, a.value.maxDrawdownRatio]) {
            expect([p.p5, p.p25, p.p50, p.p75, p.p95]).toEqual(
              [p.p5, p.p25, p.p50, p.p75, p.p95].sort((x, y) => x - y),
            );
          }
          expect(a.value.maxDrawdownRatio.p5).toBeGreaterThanOrEqual(0);
          expect(a.value.maxDrawdownRatio.p95).toBeLessThanOrEqual(1);
          if (method === 'shuffle' && a.value.ruinRatio === 0) {
            const total = Number(trades.reduce((s, t) => s + t.grossPnlMinor, 0n)) / 2_000;
            expect(a.value.totalReturnRatio.p5).toBe(total);
            expect(a.value.totalReturnRatio.p95).toBe(total);
          }
        },
      ),
      { seed: 10 },
    );
  });
});
