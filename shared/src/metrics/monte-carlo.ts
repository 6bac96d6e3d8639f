/**
 * A Monte Carlo of the trade sequence: how different could the result and the drawdown have been
 * with the same trades in another order (`shuffle`) or another draw of them (`bootstrap`)?
 *
 * - `bootstrap`: each run draws n trades uniformly with replacement from the n closed trades
 *   (Efron's bootstrap): total return and drawdown both vary.
 * - `shuffle`: each run is a uniform permutation (Fisher–Yates): the total return is the same in
 *   every run (the same trades), only the path and so the drawdown vary.
 *
 * A run starts from `startEquityMinor` and adds each trade's net PnL (gross − fees) in minor
 * units: trades are sized in money, not compounded as returns. A run whose equity reaches 0 is
 * ruined: it stops there, its drawdown is 1 and it counts in `ruinRatio`.
 * Randomness: xoshiro128** from `@tradewind/shared/market-sim`, seeded by the caller.
 */
import { Xoshiro128 } from '../market-sim/index';
import { assert } from '../util/assert';
import { err, ok, type Result } from '../util/result';
import type { MetricsErrorCode } from './errors';
import { MONTE_CARLO_DRAWS_MAX, MONTE_CARLO_RUNS_MAX } from './limits';
import { type Percentiles, percentilesSorted } from './statistics';
import { netPnlMinorOf } from './trade-stats';
import type { ClosedTrade } from './types';
import { checkTrades } from './validate';

export const MONTE_CARLO_METHODS = ['bootstrap', 'shuffle'] as const;
export type MonteCarloMethod = (typeof MONTE_CARLO_METHODS)[number];

export type MonteCarloInput = {
  readonly trades: readonly ClosedTrade[];
  readonly startEquityMinor: bigint;
  readonly runs: number;
  /** Any 32-bit unsigned integer; the same seed and input give the same result everywhere. */
  readonly seed: number;
  readonly method: MonteCarloMethod;
};

export type MonteCarloResult = {
  readonly runs: number;
  readonly method: MonteCarloMethod;
  readonly seed: number;
  readonly totalReturnRatio: Percentiles;
  readonly maxDrawdownRatio: Percentiles;
  /** Share of runs in which equity reached 0. */
  readonly ruinRatio: number;
};

function inputProblem(input: MonteCarloInput): [MetricsErrorCode, string] | null {
  const { runs, seed, method, trades } = input;
  if (!Number.isSafeInteger(runs) || runs < 1) return ['METRICS_BAD_PARAMETER', 'runs must be a positive integer'];
  if (runs > MONTE_CARLO_RUNS_MAX) return ['METRICS_TOO_MANY_RUNS', `runs ${runs} > ${MONTE_CARLO_RUNS_MAX}`];
  if (runs * trades.length > MONTE_CARLO_DRAWS_MAX) {
    return ['METRICS_TOO_MUCH_WORK', `runs × trades ${runs * trades.length} > ${MONTE_CARLO_DRAWS_MAX}`];
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    return ['METRICS_BAD_PARAMETER', 'seed must be an integer in [0, 2^32)'];
  }
  if (method !== 'bootstrap' && method !== 'shuffle') return ['METRICS_BAD_PARAMETER', 'unknown method'];
  if (typeof input.startEquityMinor !== 'bigint' || input.startEquityMinor <= 0n) {
    return ['METRICS_EQUITY_NOT_POSITIVE', 'startEquityMinor must be a bigint > 0'];
  }
  return null;
}

export function monteCarloTrades(input: MonteCarloInput): Result<MonteCarloResult, MetricsErrorCode> {
  const trades = checkTrades(input.trades);
  if (!trades.ok) return err(trades.code, trades.message);
  const problem = inputProblem(input);
  if (problem !== null) return err(problem[0], problem[1]);
  const pnl = Float64Array.from(input.trades, (t) => Number(netPnlMinorOf(t)));
  const start = Number(input.startEquityMinor);
  const rng = Xoshiro128.fromSeed(input.seed);
  const order = new Float64Array(pnl.length);
  const totals = new Float64Array(input.runs);
  const drawdowns = new Float64Array(input.runs);
  let ruined = 0;
  for (let run = 0; run < input.runs; run++) {
    if (input.method === 'shuffle') shuffleInto(rng, pnl, order);
    else bootstrapInto(rng, pnl, order);
    const path = walk(start, order);
    totals[run] = path.totalReturnRatio;
    drawdowns[run] = path.maxDrawdownRatio;
    if (path.ruined) ruined += 1;
  }
  totals.sort();
  drawdowns.sort();
  return ok({
    runs: input.runs,
    method: input.method,
    seed: input.seed,
    totalReturnRatio: percentilesSorted(totals),
    maxDrawdownRatio: percentilesSorted(drawdowns),
    ruinRatio: ruined / input.runs,
  });
}

const TWO_POW_32 = 4_294_967_296;
/** Bound of `uniformIntBelow`: u × n must stay an exact double (< 2^53) for u < 2^32. */
const UNIFORM_BOUND_MAX = 2 ** 21;

/**
 * Uniform integer in [0, n) without bias: Lemire's multiply-and-reject ("Fast random integer
 * generation in an interval", 2019) in exact double arithmetic. The high 32 bits of u × n are the
 * draw; the rare low parts below (2^32 − n) mod n are rejected. A modulo only on the rare path.
 */
export function uniformIntBelow(rng: Xoshiro128, n: number): number {
  assert(Number.isSafeInteger(n) && n > 0 && n <= UNIFORM_BOUND_MAX, `bound out of range: ${n}`);
  let m = rng.nextUint32() * n;
  let high = Math.floor(m / TWO_POW_32);
  let low = m - high * TWO_POW_32;
  if (low < n) {
    const threshold = (TWO_POW_32 - n) % n;
    while (low < threshold) {
      m = rng.nextUint32() * n;
      high = Math.floor(m / TWO_POW_32);
      low = m - high * TWO_POW_32;
    }
  }
  return high;
}

function bootstrapInto(rng: Xoshiro128, from: Float64Array, to: Float64Array): void {
  for (let i = 0; i < to.length; i++) to[i] = from[uniformIntBelow(rng, from.length)] as number;
}

/** Fisher–Yates (Durstenfeld) over a fresh copy: every permutation equally likely. */
function shuffleInto(rng: Xoshiro128, from: Float64Array, to: Float64Array): void {
  to.set(from);
  for (let i = to.length - 1; i > 0; i--) {
    const j = uniformIntBelow(rng, i + 1);
    const t = to[i] as number;
    to[i] = to[j] as number;
    to[j] = t;
  }
}

type Path = { totalReturnRatio: number; maxDrawdownRatio: number; ruined: boolean };

/** One run's path. The drawdown ratio is taken once per peak (at its lowest point), not per trade. */
function walk(start: number, pnl: Float64Array): Path {
  let equity = start;
  let peak = start;
  let lowSincePeak = start;
  let maxDrawdownRatio = 0;
  for (let i = 0; i < pnl.length; i++) {
    equity += pnl[i] as number;
    if (equity > peak) {
      if (lowSincePeak < peak) maxDrawdownRatio = Math.max(maxDrawdownRatio, (peak - lowSincePeak) / peak);
      peak = equity;
      lowSincePeak = equity;
    } else if (equity < lowSincePeak) {
      if (equity <= 0) return { totalReturnRatio: (equity - start) / start, maxDrawdownRatio: 1, ruined: true };
      lowSincePeak = equity;
    }
  }
  if (lowSincePeak < peak) maxDrawdownRatio = Math.max(maxDrawdownRatio, (peak - lowSincePeak) / peak);
  return { totalReturnRatio: (equity - start) / start, maxDrawdownRatio, ruined: false };
}
