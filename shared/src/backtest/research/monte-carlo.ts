import {
  type MetricsErrorCode,
  type MonteCarloMethod,
  type MonteCarloResult,
  monteCarloTrades,
} from '../../metrics/index';
import type { Result } from '../../util/index';
import type { BacktestResult } from '../types';

/** A Monte Carlo of a run's trade sequence (shared/metrics' bootstrap or shuffle), from its start equity. */
export function tradeMonteCarlo(
  result: BacktestResult,
  runs: number,
  seed: number,
  method: MonteCarloMethod = 'bootstrap',
): Result<MonteCarloResult, MetricsErrorCode> {
  const start = result.equity[0]?.equityMinor ?? 0n;
  return monteCarloTrades({ trades: result.trades, startEquityMinor: start, runs, seed, method });
}
