import { type ClosedTrade, computePerformance, type EquityPoint, type PerformanceReport } from '../../metrics/index';
import { err, ok, type Result } from '../../util/index';
import { runBacktest } from '../backtester';
import type { BacktestConfig } from '../types';
import type { ObjectiveSpec } from './objective';
import { type CandidateScore, candidatesOf, evaluateCandidate, type OptimiseMethod, rankCandidates } from './optimise';
import { CANDIDATES_MAX, type ParamSet, type ParamSpace } from './param-space';

/** Windows in one walk-forward analysis. */
export const WALK_FORWARD_WINDOWS_MAX = 500;

export type WalkForwardWindow = {
  readonly inSampleFromMs: number;
  readonly inSampleToMs: number;
  readonly outOfSampleFromMs: number;
  readonly outOfSampleToMs: number;
};

/**
 * Rolling windows over [fromMs, toMs): window i optimises on
 * [from + i·oos, from + i·oos + is) and tests on the next `oos` (the last one cut at `toMs`).
 * The out-of-sample parts tile [from + is, to) exactly: contiguous, disjoint, in order.
 */
export function walkForwardWindows(
  fromMs: number,
  toMs: number,
  inSampleMs: number,
  outOfSampleMs: number,
): Result<WalkForwardWindow[], 'WINDOWS_INVALID'> {
  if (![fromMs, toMs, inSampleMs, outOfSampleMs].every(Number.isSafeInteger) || inSampleMs <= 0 || outOfSampleMs <= 0)
    return err('WINDOWS_INVALID', 'window lengths must be positive milliseconds');
  if (fromMs + inSampleMs >= toMs) return err('WINDOWS_INVALID', 'the range is not longer than one in-sample window');
  const count = Math.ceil((toMs - fromMs - inSampleMs) / outOfSampleMs);
  if (count > WALK_FORWARD_WINDOWS_MAX) return err('WINDOWS_INVALID', `more than ${WALK_FORWARD_WINDOWS_MAX} windows`);
  const windows: WalkForwardWindow[] = [];
  for (let i = 0; i < count; i++) {
    const isFrom = fromMs + i * outOfSampleMs;
    const oosFrom = isFrom + inSampleMs;
    windows.push({
      inSampleFromMs: isFrom,
      inSampleToMs: oosFrom,
      outOfSampleFromMs: oosFrom,
      outOfSampleToMs: Math.min(oosFrom + outOfSampleMs, toMs),
    });
  }
  return ok(windows);
}

export type WalkForwardRequest = {
  readonly base: BacktestConfig;
  readonly space: ParamSpace;
  readonly method: OptimiseMethod;
  readonly objective: ObjectiveSpec;
  readonly inSampleMs: number;
  readonly outOfSampleMs: number;
};

export type WalkForwardStep = {
  readonly window: WalkForwardWindow;
  /** The in-sample winner (null: nothing rankable, the window is skipped and its equity carried flat). */
  readonly best: CandidateScore | null;
  readonly outOfSample: {
    readonly status: string;
    readonly endEquityMinor: bigint;
    readonly tradeCount: number;
  } | null;
};

export type WalkForwardResult = {
  readonly steps: readonly WalkForwardStep[];
  /** The out-of-sample equity curves chained: each test starts flat with the previous one's final equity. */
  readonly equity: readonly EquityPoint[];
  /** The out-of-sample round trips, in order. */
  readonly trades: readonly ClosedTrade[];
  readonly performance: PerformanceReport | null;
};

/** What a walk-forward evaluates: its windows and the candidates each window's optimisation tries. */
export type WalkForwardPlan = {
  readonly windows: readonly WalkForwardWindow[];
  /** The same candidates in every window (a random search draws them once, from its seed). */
  readonly candidates: readonly ParamSet[];
};

/** The windows and candidates of a walk-forward, refused before anything runs when they are bad. */
export function walkForwardPlan(
  req: WalkForwardRequest,
): Result<WalkForwardPlan, 'WINDOWS_INVALID' | 'SPACE_INVALID' | 'NO_CANDIDATE'> {
  const windows = walkForwardWindows(req.base.fromMs, req.base.toMs, req.inSampleMs, req.outOfSampleMs);
  if (!windows.ok) return windows;
  const candidates = candidatesOf(req);
  if (!candidates.ok) return candidates;
  if (candidates.value.length === 0) return err('NO_CANDIDATE', 'no candidate');
  if (windows.value.length * candidates.value.length > CANDIDATES_MAX * 10)
    return err('SPACE_INVALID', `windows × candidates above ${CANDIDATES_MAX * 10} backtests`);
  return ok({ windows: windows.value, candidates: candidates.value });
}

/** The in-sample config of one window (what each of its candidates runs on). */
export function inSampleBase(base: BacktestConfig, w: WalkForwardWindow): BacktestConfig {
  return { ...base, fromMs: w.inSampleFromMs, toMs: w.inSampleToMs };
}

/**
 * The out-of-sample half: each window's winner (from ranking its in-sample scores) is run on the
 * window's out-of-sample span, starting from the previous test's final equity, and the tests'
 * equity curves and trades are stitched into one report.
 */
export function walkForwardStitch(
  req: WalkForwardRequest,
  windows: readonly WalkForwardWindow[],
  winners: readonly (CandidateScore | null)[],
): WalkForwardResult {
  const steps: WalkForwardStep[] = [];
  const equity: EquityPoint[] = [];
  const trades: ClosedTrade[] = [];
  let cash = req.base.initialCashMinor;
  windows.forEach((w, i) => {
    const best = winners[i] ?? null;
    if (best === null) {
      steps.push({ window: w, best: null, outOfSample: null });
      return;
    }
    const oos = runBacktest({
      ...req.base,
      params: best.params as ParamSet,
      fromMs: w.outOfSampleFromMs,
      toMs: w.outOfSampleToMs,
      initialCashMinor: cash,
    });
    if (!oos.ok || oos.value.equity.length === 0) {
      steps.push({ window: w, best, outOfSample: null });
      return;
    }
    for (const p of oos.value.equity)
      if (equity.length === 0 || p.timeMs > (equity[equity.length - 1] as EquityPoint).timeMs) equity.push(p);
    trades.push(...oos.value.trades);
    cash = (oos.value.equity[oos.value.equity.length - 1] as EquityPoint).equityMinor;
    const outOfSample = { status: oos.value.status, endEquityMinor: cash, tradeCount: oos.value.trades.length };
    steps.push({ window: w, best, outOfSample });
  });
  return { steps, equity, trades, performance: stitchedPerformance(equity, trades, cash) };
}

function stitchedPerformance(equity: EquityPoint[], trades: ClosedTrade[], cash: bigint): PerformanceReport | null {
  if (equity.length === 0 || cash <= 0n) return null;
  const feesMinor = trades.reduce((s, t) => s + t.feesMinor, 0n);
  const perf = computePerformance({ equity, trades, feesMinor, turnoverMinor: 0n });
  return perf.ok ? perf.value : null;
}

/** Rolling in-sample optimisation, out-of-sample test with the winner, stitched out-of-sample equity. */
export function walkForward(
  req: WalkForwardRequest,
): Result<WalkForwardResult, 'WINDOWS_INVALID' | 'SPACE_INVALID' | 'NO_CANDIDATE'> {
  const plan = walkForwardPlan(req);
  if (!plan.ok) return plan;
  const winners = plan.value.windows.map((w) => {
    const base = inSampleBase(req.base, w);
    return rankCandidates(plan.value.candidates.map((p, i) => evaluateCandidate(base, p, i, req.objective))).best;
  });
  return ok(walkForwardStitch(req, plan.value.windows, winners));
}
