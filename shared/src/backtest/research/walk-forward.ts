import { computePerformance, type EquityPoint, type PerformanceReport } from '../../metrics/index';
import { err, ok, type Result } from '../../util/index';
import { runBacktest } from '../backtester';
import type { BacktestConfig } from '../types';
import type { ObjectiveSpec } from './objective';
import { type CandidateScore, type OptimiseMethod, optimise } from './optimise';
import type { ParamSet, ParamSpace } from './param-space';

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
  readonly performance: PerformanceReport | null;
};

/** Rolling in-sample optimisation, out-of-sample test with the winner, stitched out-of-sample equity. */
export function walkForward(
  req: WalkForwardRequest,
): Result<WalkForwardResult, 'WINDOWS_INVALID' | 'SPACE_INVALID' | 'NO_CANDIDATE'> {
  const windows = walkForwardWindows(req.base.fromMs, req.base.toMs, req.inSampleMs, req.outOfSampleMs);
  if (!windows.ok) return windows;
  const steps: WalkForwardStep[] = [];
  const equity: EquityPoint[] = [];
  const trades = [];
  let cash = req.base.initialCashMinor;
  for (const w of windows.value) {
    const base = { ...req.base, fromMs: w.inSampleFromMs, toMs: w.inSampleToMs };
    const opt = optimise({ base, space: req.space, method: req.method, objective: req.objective });
    if (!opt.ok) return opt;
    const best = opt.value.best;
    if (best === null) {
      steps.push({ window: w, best: null, outOfSample: null });
      continue;
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
      continue;
    }
    for (const p of oos.value.equity)
      if (equity.length === 0 || p.timeMs > (equity[equity.length - 1] as EquityPoint).timeMs) equity.push(p);
    trades.push(...oos.value.trades);
    cash = (oos.value.equity[oos.value.equity.length - 1] as EquityPoint).equityMinor;
    steps.push({
      window: w,
      best,
      outOfSample: { status: oos.value.status, endEquityMinor: cash, tradeCount: oos.value.trades.length },
    });
  }
  const perf =
    equity.length > 0 && cash > 0n
      ? computePerformance({
          equity,
          trades,
          feesMinor: trades.reduce((s, t) => s + t.feesMinor, 0n),
          turnoverMinor: 0n,
        })
      : null;
  return ok({ steps, equity, performance: perf?.ok ? perf.value : null });
}
