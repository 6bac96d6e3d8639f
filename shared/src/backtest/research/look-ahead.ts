import type { Bar } from '../../market-data/index';
import type { Signal } from '../../strategies/index';
import { err, ok, type Result } from '../../util/index';
import { runBacktest } from '../backtester';
import type { BacktestConfig } from '../types';

/** Truncated reruns in one check. */
export const LOOK_AHEAD_CUTS_MAX = 100;

export type LookAheadCut = {
  /** Bars kept (the data ends before bar `barsKept`). */
  readonly barsKept: number;
  readonly cutTimeMs: number;
  readonly consistent: boolean;
  /** The first signal that differs: what the full run decided and what the truncated run decided. */
  readonly full: Signal | null;
  readonly truncated: Signal | null;
};

export type LookAheadReport = { readonly passed: boolean; readonly cuts: readonly LookAheadCut[] };

/**
 * Reruns the strategy on the data cut at `cuts` evenly spaced points and compares every signal
 * (order intent) decided up to the cut with the full run's: an honest strategy decides the same
 * whatever comes later; one that peeks at the future changes its mind when the future is gone.
 * `configFor(bars)` builds the run for a data set (a strategy that reads its data only through
 * its handlers ignores it; a peeking one would be made from it).
 */
export function lookAheadCheck(
  bars: readonly Bar[],
  configFor: (bars: readonly Bar[]) => BacktestConfig,
  cuts = 5,
): Result<LookAheadReport, 'LOOK_AHEAD_INVALID'> {
  if (!Number.isInteger(cuts) || cuts < 1 || cuts > LOOK_AHEAD_CUTS_MAX)
    return err('LOOK_AHEAD_INVALID', `cuts 1..${LOOK_AHEAD_CUTS_MAX}`);
  if (bars.length < cuts + 1) return err('LOOK_AHEAD_INVALID', 'fewer bars than cuts');
  const full = runBacktest(configFor(bars));
  if (!full.ok) return err('LOOK_AHEAD_INVALID', `${full.code}: ${full.message}`);
  const report: LookAheadCut[] = [];
  for (let c = 1; c <= cuts; c++) {
    const kept = Math.floor((bars.length * c) / (cuts + 1));
    const cutTimeMs = (bars[kept] as Bar).openTimeMs;
    const part = runBacktest({ ...configFor(bars.slice(0, kept)), toMs: cutTimeMs });
    if (!part.ok) return err('LOOK_AHEAD_INVALID', `${part.code}: ${part.message}`);
    const expected = full.value.signals.filter((s) => s.timeMs <= cutTimeMs);
    report.push(compare(kept, cutTimeMs, expected, part.value.signals));
  }
  return ok({ passed: report.every((r) => r.consistent), cuts: report });
}

function compare(
  barsKept: number,
  cutTimeMs: number,
  expected: readonly Signal[],
  actual: readonly Signal[],
): LookAheadCut {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const a = expected[i];
    const b = actual[i];
    if (
      a === undefined ||
      b === undefined ||
      a.timeMs !== b.timeMs ||
      a.symbol !== b.symbol ||
      a.action !== b.action ||
      a.detail !== b.detail
    )
      return { barsKept, cutTimeMs, consistent: false, full: a ?? null, truncated: b ?? null };
  }
  return { barsKept, cutTimeMs, consistent: true, full: null, truncated: null };
}
