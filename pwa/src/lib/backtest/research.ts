/**
 * Server optimisation and walk-forward runs as the backtest screen asks for and shows them: the
 * form's text fields → edge's `search` (values "3,5,8" or a range "10:50:5" per parameter), and a
 * stored result's research part → what the report's tables list.
 */
export const RUN_KINDS = ['single', 'optimise', 'walk-forward'] as const;
export type RunKind = (typeof RUN_KINDS)[number];
export const OBJECTIVE_LABELS = {
  sharpe: 'Sharpe',
  sortino: 'Sortino',
  calmar: 'Calmar',
  'profit-factor': 'Profit factor',
  return: 'Return',
} as const;
export type ObjectiveId = keyof typeof OBJECTIVE_LABELS;

export type ParamRangeInput = { values: number[] } | { min: number; max: number; step: number };
export type SearchInput = {
  space: Record<string, ParamRangeInput>;
  method: 'grid' | 'random';
  samples?: number;
  seed?: number;
  objective: ObjectiveId;
  maxDrawdownCapRatio?: number;
};

/** "3, 5, 8" → values; "10:50:5" → a range; anything else (or empty) → null. */
export function parseRange(text: string): ParamRangeInput | null {
  const t = text.trim();
  if (t === '') return null;
  const range = /^(-?[\d.]+)\s*:\s*(-?[\d.]+)\s*:\s*([\d.]+)$/.exec(t);
  if (range) {
    const [min, max, step] = range.slice(1).map(Number) as [number, number, number];
    return [min, max, step].every(Number.isFinite) && step > 0 ? { min, max, step } : null;
  }
  const parts = t.split(',').map((v) => v.trim());
  if (parts.some((p) => p === '')) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? { values } : null;
}

/** The search of the form: every parameter with a range to try; a drawdown cap in percent. */
export function searchOf(
  vary: Record<string, string>,
  objective: ObjectiveId,
  method: 'grid' | 'random',
  samples: string,
  ddCapPercent: string,
): SearchInput {
  const space: Record<string, ParamRangeInput> = {};
  for (const [key, text] of Object.entries(vary)) {
    const r = parseRange(text);
    if (r !== null) space[key] = r;
  }
  const cap = Number(ddCapPercent);
  return {
    space,
    method,
    objective,
    ...(method === 'random' ? { samples: Math.max(1, Math.floor(Number(samples) || 1)), seed: 1 } : {}),
    ...(ddCapPercent.trim() !== '' && cap > 0 ? { maxDrawdownCapRatio: Math.min(1, cap / 100) } : {}),
  };
}

export type RankedRow = {
  readonly params: Record<string, unknown>;
  readonly score: number;
  readonly metrics: Record<string, unknown> | null;
};
export type WindowRow = {
  readonly outOfSampleFromMs: number;
  readonly outOfSampleToMs: number;
  readonly params: Record<string, unknown> | null;
  readonly score: number | null;
  readonly endEquityMinor: string | null;
  readonly tradeCount: number | null;
};
export type ResearchSummary =
  | {
      readonly kind: 'optimise';
      readonly objective: string;
      readonly candidateCount: number;
      readonly unrankedCount: number;
      readonly ranked: readonly RankedRow[];
    }
  | { readonly kind: 'walk-forward'; readonly objective: string; readonly windows: readonly WindowRow[] };

type StoredWindow = Omit<WindowRow, 'endEquityMinor' | 'tradeCount'> & {
  outOfSample: { endEquityMinor: string; tradeCount: number } | null;
};
/** The research part of a server result (core's research-job.ts), or null for a single run. */
export type StoredResearch = {
  kind?: string;
  optimisation?: {
    objective: { objective: string };
    candidateCount: number;
    unrankedCount: number;
    ranked: RankedRow[];
  };
  walkForward?: { objective: { objective: string }; windows: StoredWindow[] };
};

export function researchOf(r: StoredResearch): ResearchSummary | null {
  if (r.kind === 'optimise' && r.optimisation) {
    const o = r.optimisation;
    const ranked = o.ranked.map((c) => ({ params: c.params, score: c.score, metrics: c.metrics }));
    return {
      kind: 'optimise',
      objective: o.objective.objective,
      candidateCount: o.candidateCount,
      unrankedCount: o.unrankedCount,
      ranked,
    };
  }
  if (r.kind === 'walk-forward' && r.walkForward) {
    const windows = r.walkForward.windows.map((w) => ({
      outOfSampleFromMs: w.outOfSampleFromMs,
      outOfSampleToMs: w.outOfSampleToMs,
      params: w.params,
      score: w.score,
      endEquityMinor: w.outOfSample?.endEquityMinor ?? null,
      tradeCount: w.outOfSample?.tradeCount ?? null,
    }));
    return { kind: 'walk-forward', objective: r.walkForward.objective.objective, windows };
  }
  return null;
}

/** Percentiles of a Monte Carlo distribution (shared/metrics). */
export type PercentileRow = { p5: number; p25: number; p50: number; p75: number; p95: number };
/** A server run's checks: the Monte Carlo of its trade sequence, and the look-ahead check if asked. */
export type RunChecks = {
  readonly monteCarlo: {
    readonly runs: number;
    readonly method: string;
    readonly totalReturnRatio: PercentileRow;
    readonly maxDrawdownRatio: PercentileRow;
    readonly ruinRatio: number;
  } | null;
  /** passed, or the first decision that changed when the future was cut off; `error` when it could not run. */
  readonly lookAhead: {
    readonly passed: boolean;
    readonly cuts: number;
    readonly firstDifference: string | null;
    readonly error: string | null;
  } | null;
};

type StoredSignal = { timeMs: number; action: string; detail: string } | null;
type StoredLookAhead =
  | { passed: boolean; cuts: { consistent: boolean; cutTimeMs: number; full: StoredSignal; truncated: StoredSignal }[] }
  | { error: string };

const signalText = (s: StoredSignal) =>
  s === null ? 'nothing' : `${s.action} ${s.detail} at ${new Date(s.timeMs).toISOString().slice(0, 16)}`;

/** The checks of a stored server result (core's job-config.ts), null when it has none. */
export function checksOf(r: { monteCarlo?: RunChecks['monteCarlo']; lookAhead?: StoredLookAhead }): RunChecks | null {
  const mc = r.monteCarlo ?? null;
  const la = r.lookAhead;
  if (mc === null && la === undefined) return null;
  let lookAhead: RunChecks['lookAhead'] = null;
  if (la !== undefined && 'error' in la) lookAhead = { passed: false, cuts: 0, firstDifference: null, error: la.error };
  else if (la !== undefined) {
    const bad = la.cuts.find((c) => !c.consistent);
    const firstDifference =
      bad === undefined
        ? null
        : `the full run decided ${signalText(bad.full)}, the run cut there ${signalText(bad.truncated)}`;
    lookAhead = { passed: la.passed, cuts: la.cuts.length, firstDifference, error: null };
  }
  return { monteCarlo: mc, lookAhead };
}
