import {
  CANDIDATES_MAX,
  candidatesOf,
  OBJECTIVES,
  type ObjectiveSpec,
  type OptimiseMethod,
  type ParamSpace,
  walkForwardWindows,
} from '@tradewind/shared/backtest';
import { z } from 'zod';
import { fail } from '../../errors';

/** Parameters one search may vary. */
export const SEARCH_PARAMS_MAX = 16;
/**
 * Bars a research job may push through the engine in all (candidates × windows × bars): about
 * ten minutes of one core at the backtester's ~2M bars/s. Core's threads are shared by everyone.
 */
export const RESEARCH_BAR_RUNS_MAX = 1_000_000_000;

const paramRange = z.union([
  z
    .object({
      values: z
        .array(z.union([z.number(), z.string().max(64), z.boolean()]))
        .min(1)
        .max(CANDIDATES_MAX),
    })
    .strict(),
  z.object({ min: z.number(), max: z.number(), step: z.number().positive() }).strict(),
]);

export const searchInput = z
  .object({
    space: z.record(z.string().min(1).max(64), paramRange),
    method: z.enum(['grid', 'random']).default('grid'),
    /** Random search: how many draws (default 100), and the seed (the same seed, the same draws). */
    samples: z.number().int().min(1).max(CANDIDATES_MAX).default(100),
    seed: z.number().int().min(0).max(0xffff_ffff).default(1),
    objective: z.enum(OBJECTIVES),
    /** Runs deeper than this drawdown (0…1) are not ranked: "return with a drawdown cap". */
    maxDrawdownCapRatio: z.number().gt(0).max(1).optional(),
  })
  .strict();

export const walkForwardInput = z
  .object({ inSampleMs: z.number().int().positive(), outOfSampleMs: z.number().int().positive() })
  .strict();

type Input = {
  kind: 'single' | 'optimise' | 'walk-forward';
  fromMs: number;
  toMs: number;
  search?: z.infer<typeof searchInput> | undefined;
  walkForward?: z.infer<typeof walkForwardInput> | undefined;
};
type StoredSearch = { space: ParamSpace; method: OptimiseMethod; objective: ObjectiveSpec };

/**
 * The search of an optimisation or walk-forward job in the optimiser's own terms, checked:
 * known parameters, a valid space within CANDIDATES_MAX, valid windows, and a bounded amount of
 * work. Candidates the strategy's schema refuses (fast ≥ slow, …) are not an error: the job
 * lists them as unranked with the reason.
 */
export function validatedSearch(input: Input, params: Record<string, unknown>, bars: number) {
  if (input.kind === 'single') return { kind: input.kind };
  const s = input.search;
  if (s === undefined) fail('BACKTEST_SEARCH_INVALID', `a ${input.kind} job needs a search`);
  const names = Object.keys(s.space);
  if (names.length === 0 || names.length > SEARCH_PARAMS_MAX)
    fail('BACKTEST_SEARCH_INVALID', `vary 1 to ${SEARCH_PARAMS_MAX} parameters`);
  const unknown = names.find((n) => !(n in params));
  if (unknown !== undefined) fail('BACKTEST_SEARCH_INVALID', `the strategy has no parameter "${unknown}"`);
  const method: OptimiseMethod =
    s.method === 'grid' ? { kind: 'grid' } : { kind: 'random', samples: s.samples, seed: s.seed };
  const candidates = candidatesOf({ base: { params } as never, space: s.space, method });
  if (!candidates.ok) fail('BACKTEST_SEARCH_INVALID', candidates.message);
  let windows = 1;
  if (input.kind === 'walk-forward') {
    const w = input.walkForward;
    if (w === undefined) fail('BACKTEST_WINDOWS_INVALID', 'a walk-forward job needs its windows');
    const r = walkForwardWindows(input.fromMs, input.toMs, w.inSampleMs, w.outOfSampleMs);
    if (!r.ok) fail('BACKTEST_WINDOWS_INVALID', r.message);
    windows = r.value.length;
  }
  if (candidates.value.length * windows * bars > RESEARCH_BAR_RUNS_MAX) fail('BACKTEST_SEARCH_TOO_LARGE');
  const objective: ObjectiveSpec =
    s.maxDrawdownCapRatio === undefined
      ? { objective: s.objective }
      : { objective: s.objective, maxDrawdownCapRatio: s.maxDrawdownCapRatio };
  const search: StoredSearch = { space: s.space, method, objective };
  return input.kind === 'optimise'
    ? { kind: input.kind, search }
    : { kind: input.kind, search, walkForward: input.walkForward };
}
