import { Xoshiro128 } from '../../market-sim/index';
import { err, ok, type Result } from '../../util/index';

/** Candidates of one optimisation (grid or random); each is a full backtest. */
export const CANDIDATES_MAX = 10_000;

/** A parameter's values: a list, or an inclusive numeric range with a step. */
export type ParamRange =
  | { readonly values: readonly (number | string | boolean)[] }
  | { readonly min: number; readonly max: number; readonly step: number };
export type ParamSpace = Readonly<Record<string, ParamRange>>;
export type ParamSet = Readonly<Record<string, unknown>>;

function valuesOf(range: ParamRange): Result<readonly (number | string | boolean)[], 'SPACE_INVALID'> {
  if ('values' in range)
    return range.values.length > 0 ? ok(range.values) : err('SPACE_INVALID', 'an empty value list');
  const { min, max, step } = range;
  if (![min, max, step].every(Number.isFinite) || step <= 0 || max < min)
    return err('SPACE_INVALID', `bad range ${min}..${max} step ${step}`);
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  if (count > CANDIDATES_MAX) return err('SPACE_INVALID', `more than ${CANDIDATES_MAX} values`);
  // min + k·step, rounded to 12 significant digits so 0.1-steps do not drift.
  return ok(Array.from({ length: count }, (_, k) => Number((min + k * step).toPrecision(12))));
}

/** Every combination (the first parameter varies slowest), over `base` params; refused past CANDIDATES_MAX. */
export function gridCandidates(space: ParamSpace, base: ParamSet = {}): Result<ParamSet[], 'SPACE_INVALID'> {
  let sets: ParamSet[] = [{ ...base }];
  for (const [name, range] of Object.entries(space)) {
    const values = valuesOf(range);
    if (!values.ok) return values;
    if (sets.length * values.value.length > CANDIDATES_MAX)
      return err('SPACE_INVALID', `the grid has more than ${CANDIDATES_MAX} candidates`);
    sets = sets.flatMap((s) => values.value.map((v) => ({ ...s, [name]: v })));
  }
  return ok(sets);
}

/** `count` draws, each parameter uniform over its values (seeded: the same seed, the same draws). */
export function randomCandidates(
  space: ParamSpace,
  count: number,
  seed: number,
  base: ParamSet = {},
): Result<ParamSet[], 'SPACE_INVALID'> {
  if (!Number.isInteger(count) || count < 1 || count > CANDIDATES_MAX)
    return err('SPACE_INVALID', `count 1..${CANDIDATES_MAX}`);
  const columns: [string, readonly (number | string | boolean)[]][] = [];
  for (const [name, range] of Object.entries(space)) {
    const values = valuesOf(range);
    if (!values.ok) return values;
    columns.push([name, values.value]);
  }
  const rng = Xoshiro128.fromSeed(seed);
  const sets: ParamSet[] = [];
  for (let i = 0; i < count; i++) {
    const set: Record<string, unknown> = { ...base };
    for (const [name, values] of columns) set[name] = values[Math.floor(rng.nextFloat() * values.length)];
    sets.push(set);
  }
  return ok(sets);
}
