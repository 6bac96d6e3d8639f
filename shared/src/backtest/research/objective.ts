import type { BacktestResult } from '../types';

export const OBJECTIVES = ['sharpe', 'sortino', 'calmar', 'profit-factor', 'return'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** What to rank by; a run deeper than `maxDrawdownCapRatio` (0..1) is not rankable. */
export type ObjectiveSpec = { readonly objective: Objective; readonly maxDrawdownCapRatio?: number };

/**
 * The score of a run under an objective (bigger is better), or null when it cannot be ranked:
 * the run failed or was cancelled, the metric is undefined for it (no volatility, no losing
 * trade for the profit factor, …), or its drawdown is beyond the cap.
 */
export function scoreOf(result: BacktestResult, spec: ObjectiveSpec): number | null {
  if (result.status !== 'completed' || result.performance === null) return null;
  const m = result.performance.metrics;
  const cap = spec.maxDrawdownCapRatio;
  if (cap !== undefined && (m.maxDrawdownRatio === null || m.maxDrawdownRatio > cap)) return null;
  switch (spec.objective) {
    case 'sharpe':
      return m.sharpeAnnual;
    case 'sortino':
      return m.sortinoAnnual;
    case 'calmar':
      return m.calmar;
    case 'profit-factor':
      return m.trades.profitFactor;
    case 'return':
      return m.totalReturnRatio;
  }
}
