/**
 * Optimisation and walk-forward jobs, run inside a job's worker thread: the candidates go to a
 * pool of further worker threads (parallel-optimise.ts), progress is one step per backtest, and
 * the result is the single run's JSON shape (so every screen that shows a run shows this one)
 * plus what the research found: the ranked candidates, or the walk-forward windows.
 */
import {
  type BacktestConfig,
  type CandidateScore,
  runBacktest,
  type WalkForwardResult,
} from '@tradewind/shared/backtest';
import type { EquityPoint } from '@tradewind/shared/metrics';
import { optimiseInWorkers, walkForwardInWorkers } from '../parallel-optimise';
import {
  type JobConfig,
  type JobSearch,
  jsonSafe,
  RESULT_EQUITY_POINTS_MAX,
  RESULT_TRADES_MAX,
  resultJson,
} from './job-config';

/** Ranked candidates kept in a stored result (best first), and unranked ones with their reason. */
export const RESULT_RANKED_MAX = 50;
export const RESULT_UNRANKED_MAX = 20;

export type ResearchOutcome =
  | { readonly ok: true; readonly result: Record<string, unknown> }
  | { readonly ok: false; readonly code: string; readonly message: string };

type Progress = (done: number, total: number) => void;

function candidateJson(c: CandidateScore) {
  return { index: c.index, params: c.params, score: c.score, error: c.error, metrics: c.metrics };
}

/** The run of nothing: a search where no candidate could be ranked still reports its candidates. */
function emptyRun(config: BacktestConfig, barCount: number) {
  return {
    status: 'completed',
    failure: null,
    barCount,
    tradeCount: 0,
    metrics: null,
    performanceError: 'no candidate could be ranked',
    equity: [],
    trades: [],
    finalCashMinor: config.initialCashMinor.toString(),
    feesMinor: '0',
    stateHash: '',
  };
}

/** Grid or random search over threads; the best candidate is run once more for its full report. */
export async function runOptimiseJob(
  job: JobConfig,
  search: JobSearch,
  base: BacktestConfig,
  barCount: number,
  onProgress: Progress,
): Promise<ResearchOutcome> {
  const r = await optimiseInWorkers({ base, ...search }, undefined, onProgress);
  if (!r.ok) return { ok: false, code: r.code, message: r.message };
  const { ranked, unranked, best } = r.value;
  const bestRun = best === null ? null : runBacktest({ ...base, params: best.params });
  if (bestRun !== null && !bestRun.ok) return { ok: false, code: bestRun.code, message: bestRun.message };
  const run = bestRun === null ? emptyRun(base, barCount) : resultJson(bestRun.value, barCount);
  const optimisation = {
    objective: search.objective,
    method: search.method,
    candidateCount: ranked.length + unranked.length,
    ranked: ranked.slice(0, RESULT_RANKED_MAX).map(candidateJson),
    unrankedCount: unranked.length,
    unranked: unranked.slice(0, RESULT_UNRANKED_MAX).map(candidateJson),
  };
  return { ok: true, result: jsonSafe({ ...run, kind: 'optimise', params: best?.params ?? job.params, optimisation }) };
}

/** Rolling in-sample optimisation over threads, the winners out of sample, the stitched curve's report. */
export async function runWalkForwardJob(
  job: JobConfig,
  search: JobSearch,
  base: BacktestConfig,
  barCount: number,
  onProgress: Progress,
): Promise<ResearchOutcome> {
  const windows = job.walkForward;
  if (windows === undefined) return { ok: false, code: 'WINDOWS_INVALID', message: 'walk-forward needs its windows' };
  const r = await walkForwardInWorkers({ base, ...search, ...windows }, undefined, onProgress);
  if (!r.ok) return { ok: false, code: r.code, message: r.message };
  return { ok: true, result: walkForwardJson(r.value, search, base, barCount) };
}

function walkForwardJson(wf: WalkForwardResult, search: JobSearch, base: BacktestConfig, barCount: number) {
  const step = Math.max(1, Math.ceil(wf.equity.length / RESULT_EQUITY_POINTS_MAX));
  const last = wf.equity[wf.equity.length - 1] as EquityPoint | undefined;
  const fees = wf.trades.reduce((s, t) => s + t.feesMinor, 0n);
  return jsonSafe({
    kind: 'walk-forward',
    status: 'completed',
    failure: null,
    barCount,
    tradeCount: wf.trades.length,
    metrics: wf.performance?.metrics ?? null,
    performanceError: wf.performance === null ? 'no out-of-sample equity to measure' : null,
    equity: wf.equity.filter((_, i) => i % step === 0 || i === wf.equity.length - 1),
    trades: wf.trades.slice(0, RESULT_TRADES_MAX),
    finalCashMinor: last?.equityMinor ?? base.initialCashMinor,
    feesMinor: fees,
    stateHash: '',
    walkForward: {
      objective: search.objective,
      method: search.method,
      windows: wf.steps.map((s) => ({
        ...s.window,
        params: s.best?.params ?? null,
        score: s.best?.score ?? null,
        outOfSample: s.outOfSample,
      })),
    },
  });
}
