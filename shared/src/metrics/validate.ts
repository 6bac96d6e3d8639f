/**
 * The door's checks: every input is checked once, here, and a refused input is an `Err` with a
 * code; nothing downstream has to doubt its data (it asserts instead).
 */
import { err, ok, type Result } from '../util/result';
import type { MetricsErrorCode } from './errors';
import { EQUITY_POINTS_MAX, RISK_FREE_ANNUAL_RATIO_MAX, TIME_MS_MAX, TIME_MS_MIN, TRADES_MAX } from './limits';
import type { ClosedTrade, EquityPoint, PerformanceInput } from './types';

type Check = Result<true, MetricsErrorCode>;
const OK: Check = ok(true);

function isTimeMs(t: number): boolean {
  return Number.isSafeInteger(t) && t >= TIME_MS_MIN && t < TIME_MS_MAX;
}

export function checkEquity(points: readonly EquityPoint[]): Check {
  if (points.length > EQUITY_POINTS_MAX) {
    return err('METRICS_TOO_MANY_POINTS', `${points.length} equity points > ${EQUITY_POINTS_MAX}`);
  }
  let prevMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    if (typeof point !== 'object' || point === null) return err('METRICS_BAD_TIME', `equity[${i}] is not a point`);
    const { timeMs, equityMinor } = point;
    if (!isTimeMs(timeMs)) return err('METRICS_BAD_TIME', `equity[${i}].timeMs is not a time in range: ${timeMs}`);
    if (!(timeMs > prevMs)) return err('METRICS_TIME_NOT_INCREASING', `equity[${i}].timeMs ≤ the previous sample's`);
    if (typeof equityMinor !== 'bigint' || equityMinor <= 0n) {
      return err('METRICS_EQUITY_NOT_POSITIVE', `equity[${i}].equityMinor must be a bigint > 0`);
    }
    prevMs = timeMs;
  }
  return OK;
}

function tradeProblem(t: ClosedTrade | undefined): string | null {
  if (typeof t !== 'object' || t === null) return 'not a trade';
  if (!isTimeMs(t.entryTimeMs) || !isTimeMs(t.exitTimeMs)) return 'times out of range';
  if (t.exitTimeMs < t.entryTimeMs) return 'exit before entry';
  if (t.side !== 'long' && t.side !== 'short') return 'side must be long or short';
  if (!Number.isSafeInteger(t.qtyLots) || t.qtyLots <= 0) return 'qtyLots must be a positive integer';
  if (!Number.isSafeInteger(t.entryPriceTicks) || !Number.isSafeInteger(t.exitPriceTicks)) return 'prices in ticks';
  if (typeof t.grossPnlMinor !== 'bigint' || typeof t.feesMinor !== 'bigint') return 'PnL and fees must be bigint';
  return null;
}

export function checkTrades(trades: readonly ClosedTrade[]): Check {
  if (trades.length > TRADES_MAX) return err('METRICS_TOO_MANY_TRADES', `${trades.length} trades > ${TRADES_MAX}`);
  for (let i = 0; i < trades.length; i++) {
    const problem = tradeProblem(trades[i]);
    if (problem !== null) return err('METRICS_BAD_TRADE', `trades[${i}]: ${problem}`);
  }
  return OK;
}

function parameterProblem(input: PerformanceInput): string | null {
  const { periodsPerYear, riskFreeRateAnnualRatio, benchmarkSharpeAnnual } = input;
  if (periodsPerYear !== undefined && !(Number.isFinite(periodsPerYear) && periodsPerYear > 0)) {
    return 'periodsPerYear must be finite and > 0';
  }
  const rf = riskFreeRateAnnualRatio;
  if (rf !== undefined && !(rf > -1 && rf <= RISK_FREE_ANNUAL_RATIO_MAX)) {
    return `riskFreeRateAnnualRatio must lie in (-1, ${RISK_FREE_ANNUAL_RATIO_MAX}]`;
  }
  if (benchmarkSharpeAnnual !== undefined && !Number.isFinite(benchmarkSharpeAnnual)) {
    return 'benchmarkSharpeAnnual must be finite';
  }
  if (typeof input.feesMinor !== 'bigint') return 'feesMinor must be a bigint';
  if (typeof input.turnoverMinor !== 'bigint' || input.turnoverMinor < 0n) return 'turnoverMinor must be a bigint ≥ 0';
  return null;
}

export function checkPerformanceInput(input: PerformanceInput): Check {
  const problem = parameterProblem(input);
  if (problem !== null) return err('METRICS_BAD_PARAMETER', problem);
  const equity = checkEquity(input.equity);
  return equity.ok ? checkTrades(input.trades) : equity;
}
