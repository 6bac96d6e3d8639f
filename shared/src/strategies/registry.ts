import type { z } from 'zod';
import { err, ok, type Result } from '../util/index';
import { bollingerBreakout } from './builtin/bollinger-breakout';
import { dca } from './builtin/dca';
import { grid } from './builtin/grid';
import { marketMaker } from './builtin/market-maker';
import { rsiReversion } from './builtin/rsi-reversion';
import { smaCross } from './builtin/sma-cross';
import type { StrategyErrorCode } from './errors';
import type { StrategyDefinition } from './types';

/** The built-in strategies by id. */
export const BUILTIN_STRATEGIES: ReadonlyMap<string, StrategyDefinition> = new Map<string, StrategyDefinition>(
  [smaCross, rsiReversion, bollingerBreakout, grid, dca, marketMaker].map((d) => [
    d.id,
    d as unknown as StrategyDefinition,
  ]),
);

export type ResolvedStrategy = { readonly definition: StrategyDefinition; readonly params: unknown };

/** Looks a strategy up by id and validates its parameters against its schema (defaults filled in). */
export function resolveStrategy(
  id: string,
  rawParams: unknown,
  registry: ReadonlyMap<string, StrategyDefinition> = BUILTIN_STRATEGIES,
): Result<ResolvedStrategy, StrategyErrorCode> {
  const definition = registry.get(id);
  if (definition === undefined)
    return err('STRATEGY_UNKNOWN', `unknown strategy "${id}" (known: ${[...registry.keys()].join(', ')})`);
  return validateParams(definition, rawParams);
}

export function validateParams(
  definition: StrategyDefinition,
  rawParams: unknown,
): Result<ResolvedStrategy, StrategyErrorCode> {
  const parsed = (definition.params as z.ZodType).safeParse(rawParams ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
    return err('STRATEGY_PARAMS_INVALID', `${definition.id} parameters: ${detail}`);
  }
  return ok({ definition, params: parsed.data });
}
