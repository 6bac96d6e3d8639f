import { describe, expect, it } from 'vitest';
import { DAY_MS } from './calendar';
import {
  EQUITY_POINTS_MAX,
  MONTE_CARLO_DRAWS_MAX,
  MONTE_CARLO_RUNS_MAX,
  RISK_FREE_ANNUAL_RATIO_MAX,
  TIME_MS_MAX,
  TIME_MS_MIN,
  TRADES_MAX,
} from './limits';
import { monteCarloTrades } from './monte-carlo';
import { computePerformance } from './report';
import type { ClosedTrade, EquityPoint, PerformanceInput } from './types';
import { checkEquity, checkTrades } from './validate';

const T0 = 1_767_225_600_000; // 2026-01-01
const good: PerformanceInput = {
  equity: [
    { timeMs: T0, equityMinor: 100n },
    { timeMs: T0 + DAY_MS, equityMinor: 101n },
  ],
  trades: [],
  feesMinor: 0n,
  turnoverMinor: 0n,
};
const trade: ClosedTrade = {
  entryTimeMs: T0,
  exitTimeMs: T0 + 1,
  side: 'long',
  qtyLots: 1,
  entryPriceTicks: 10,
  exitPriceTicks: 11,
  grossPnlMinor: 1n,
  feesMinor: 0n,
};

function codeOf(input: PerformanceInput): string | null {
  const r = computePerformance(input);
  return r.ok ? null : r.code;
}

describe('refused input', () => {
  it('accepts the good input', () => {
    expect(codeOf(good)).toBeNull();
  });

  it.each([
    ['a repeated time', [T0, T0], 'METRICS_TIME_NOT_INCREASING'],
    ['a time going back', [T0, T0 - 1], 'METRICS_TIME_NOT_INCREASING'],
    ['a fractional time', [T0, T0 + 0.5], 'METRICS_BAD_TIME'],
    ['a NaN time', [T0, Number.NaN], 'METRICS_BAD_TIME'],
    ['a time at TIME_MS_MAX', [T0, TIME_MS_MAX], 'METRICS_BAD_TIME'],
    ['a time before TIME_MS_MIN', [TIME_MS_MIN - 1, T0], 'METRICS_BAD_TIME'],
  ])('%s', (_name, times, code) => {
    const equity = times.map((timeMs) => ({ timeMs, equityMinor: 5n }));
    expect(codeOf({ ...good, equity })).toBe(code);
  });

  it('accepts the time limits themselves: TIME_MS_MIN and TIME_MS_MAX − 1', () => {
    const equity = [TIME_MS_MIN, TIME_MS_MAX - 1].map((timeMs) => ({ timeMs, equityMinor: 5n }));
    expect(codeOf({ ...good, equity })).toBeNull();
  });

  it.each([0n, -1n])('equity %s', (equityMinor) => {
    expect(codeOf({ ...good, equity: [{ timeMs: T0, equityMinor }] })).toBe('METRICS_EQUITY_NOT_POSITIVE');
  });

  it('equity as a number instead of a bigint', () => {
    const equity = [{ timeMs: T0, equityMinor: 5 as unknown as bigint }];
    expect(codeOf({ ...good, equity })).toBe('METRICS_EQUITY_NOT_POSITIVE');
  });

  it.each<[string, Partial<ClosedTrade>]>([
    ['exit before entry', { exitTimeMs: T0 - 1 }],
    ['zero quantity', { qtyLots: 0 }],
    ['fractional price', { entryPriceTicks: 1.5 }],
    ['unknown side', { side: 'up' as never }],
    ['number PnL', { grossPnlMinor: 1 as unknown as bigint }],
    ['time out of range', { entryTimeMs: TIME_MS_MIN - 1 }],
  ])('a trade with %s', (_name, patch) => {
    expect(codeOf({ ...good, trades: [{ ...trade, ...patch }] })).toBe('METRICS_BAD_TRADE');
  });

  it.each<[string, Partial<PerformanceInput>]>([
    ['periodsPerYear 0', { periodsPerYear: 0 }],
    ['periodsPerYear Infinity', { periodsPerYear: Number.POSITIVE_INFINITY }],
    ['risk-free −100 %', { riskFreeRateAnnualRatio: -1 }],
    ['risk-free past the limit', { riskFreeRateAnnualRatio: RISK_FREE_ANNUAL_RATIO_MAX + 0.01 }],
    ['risk-free NaN', { riskFreeRateAnnualRatio: Number.NaN }],
    ['benchmark NaN', { benchmarkSharpeAnnual: Number.NaN }],
    ['negative turnover', { turnoverMinor: -1n }],
  ])('%s', (_name, patch) => {
    expect(codeOf({ ...good, ...patch })).toBe('METRICS_BAD_PARAMETER');
  });

  it('a hole or a null where a point or a trade should be (untyped callers)', () => {
    expect(codeOf({ ...good, equity: [null as unknown as EquityPoint] })).toBe('METRICS_BAD_TIME');
    expect(codeOf({ ...good, trades: [null as unknown as ClosedTrade] })).toBe('METRICS_BAD_TRADE');
  });

  it('accepts a risk-free rate at its limit', () => {
    expect(codeOf({ ...good, riskFreeRateAnnualRatio: RISK_FREE_ANNUAL_RATIO_MAX })).toBeNull();
  });
});

describe('limits, at the limit and one past it', () => {
  it(`EQUITY_POINTS_MAX = ${EQUITY_POINTS_MAX}`, () => {
    const equity: EquityPoint[] = Array.from({ length: EQUITY_POINTS_MAX }, (_, i) => ({
      timeMs: T0 + i * 60_000,
      equityMinor: 1_000n,
    }));
    expect(checkEquity(equity).ok).toBe(true);
    equity.push({ timeMs: T0 + EQUITY_POINTS_MAX * 60_000, equityMinor: 1_000n });
    const past = checkEquity(equity);
    expect(past.ok ? null : past.code).toBe('METRICS_TOO_MANY_POINTS');
  });

  it(`TRADES_MAX = ${TRADES_MAX}`, () => {
    const trades: ClosedTrade[] = Array.from({ length: TRADES_MAX }, () => trade);
    expect(checkTrades(trades).ok).toBe(true);
    trades.push(trade);
    const past = checkTrades(trades);
    expect(past.ok ? null : past.code).toBe('METRICS_TOO_MANY_TRADES');
  });

  it(`MONTE_CARLO_RUNS_MAX = ${MONTE_CARLO_RUNS_MAX}`, () => {
    const base = { trades: [trade, trade], startEquityMinor: 100n, seed: 1, method: 'bootstrap' } as const;
    expect(monteCarloTrades({ ...base, runs: MONTE_CARLO_RUNS_MAX }).ok).toBe(true);
    const past = monteCarloTrades({ ...base, runs: MONTE_CARLO_RUNS_MAX + 1 });
    expect(past.ok ? null : past.code).toBe('METRICS_TOO_MANY_RUNS');
  });

  it(`MONTE_CARLO_DRAWS_MAX = ${MONTE_CARLO_DRAWS_MAX} (runs × trades)`, () => {
    const runs = 1_000;
    const trades: ClosedTrade[] = Array.from({ length: MONTE_CARLO_DRAWS_MAX / runs }, () => trade);
    const base = { trades, startEquityMinor: 100n, seed: 1, method: 'shuffle' } as const;
    expect(monteCarloTrades({ ...base, runs }).ok).toBe(true);
    const past = monteCarloTrades({ ...base, trades: [...trades, trade], runs });
    expect(past.ok ? null : past.code).toBe('METRICS_TOO_MUCH_WORK');
  });
});
