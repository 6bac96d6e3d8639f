import type { PerformanceMetrics } from '../../metrics/index';
import { err, ok, type Result } from '../../util/index';
import { runBacktest } from '../backtester';
import type { BacktestConfig } from '../types';
import { type ObjectiveSpec, scoreOf } from './objective';
import { gridCandidates, type ParamSet, type ParamSpace, randomCandidates } from './param-space';

export type OptimiseMethod =
  | { readonly kind: 'grid' }
  | { readonly kind: 'random'; readonly samples: number; readonly seed: number };

export type OptimiseRequest = {
  /** The run to vary; its `params` are the base every candidate starts from. */
  readonly base: BacktestConfig;
  readonly space: ParamSpace;
  readonly method: OptimiseMethod;
  readonly objective: ObjectiveSpec;
};

/** One evaluated candidate: its score (null: not rankable) or why it did not run. */
export type CandidateScore = {
  readonly index: number;
  readonly params: ParamSet;
  readonly score: number | null;
  readonly error: string | null;
  readonly metrics: PerformanceMetrics | null;
};

export type OptimiseResult = {
  /** Rankable candidates, best first (ties: the earlier candidate first). */
  readonly ranked: readonly CandidateScore[];
  /** Candidates that ran but cannot be ranked, or that the strategy's schema refused. */
  readonly unranked: readonly CandidateScore[];
  readonly best: CandidateScore | null;
};

export function candidatesOf(
  req: Pick<OptimiseRequest, 'base' | 'space' | 'method'>,
): Result<ParamSet[], 'SPACE_INVALID'> {
  const base = (req.base.params ?? {}) as ParamSet;
  return req.method.kind === 'grid'
    ? gridCandidates(req.space, base)
    : randomCandidates(req.space, req.method.samples, req.method.seed, base);
}

/** Runs one candidate (the pure unit a worker thread runs). */
export function evaluateCandidate(
  base: BacktestConfig,
  params: ParamSet,
  index: number,
  objective: ObjectiveSpec,
): CandidateScore {
  const r = runBacktest({ ...base, params, onProgress: undefined });
  if (!r.ok) return { index, params, score: null, error: `${r.code}: ${r.message}`, metrics: null };
  return {
    index,
    params,
    score: scoreOf(r.value, objective),
    error: null,
    metrics: r.value.performance?.metrics ?? null,
  };
}

/** Orders evaluated candidates: best score first, ties by candidate index (deterministic). */
export function rankCandidates(scores: readonly CandidateScore[]): OptimiseResult {
  const ranked = scores
    .filter((s) => s.score !== null)
    .sort((a, b) => (b.score as number) - (a.score as number) || a.index - b.index);
  const unranked = scores.filter((s) => s.score === null).sort((a, b) => a.index - b.index);
  return { ranked, unranked, best: ranked[0] ?? null };
}

/** Grid or random search on this thread (core-server's runner spreads the same work over worker threads). */
export function optimise(req: OptimiseRequest): Result<OptimiseResult, 'SPACE_INVALID' | 'NO_CANDIDATE'> {
  const candidates = candidatesOf(req);
  if (!candidates.ok) return candidates;
  if (candidates.value.length === 0) return err('NO_CANDIDATE', 'no candidate');
  return ok(rankCandidates(candidates.value.map((p, i) => evaluateCandidate(req.base, p, i, req.objective))));
}
