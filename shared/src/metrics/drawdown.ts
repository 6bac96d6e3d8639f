/**
 * Drawdown from the running peak: dd_i = E_i ÷ max_{j≤i} E_j − 1 (≤ 0, exactly 0 at a high).
 * The maximum drawdown is max_i −dd_i, in [0, 1) for positive equity. An episode runs from the
 * last sample at the peak to the first sample at or above it again (its recovery), or to the
 * last sample when it has not recovered.
 */
import { assert } from '../util/assert';
import { growthRatio } from './returns';
import type { DrawdownEpisode, EquityPoint } from './types';

export type DrawdownAnalysis = {
  readonly drawdownRatio: Float64Array;
  /** Null when the equity never fell below a previous peak. */
  readonly maxDrawdown: DrawdownEpisode | null;
  readonly maxDrawdownRatio: number;
  readonly longestUnderwaterMs: number;
};

type Open = { peakTimeMs: number; depthRatio: number; troughTimeMs: number };

export function analyseDrawdowns(points: readonly EquityPoint[]): DrawdownAnalysis {
  const drawdownRatio = new Float64Array(points.length);
  let worst: DrawdownEpisode | null = null;
  let longestUnderwaterMs = 0;
  const close = (open: Open, endMs: number, recoveryTimeMs: number | null): void => {
    const episode: DrawdownEpisode = { ...open, recoveryTimeMs, durationMs: endMs - open.peakTimeMs };
    longestUnderwaterMs = Math.max(longestUnderwaterMs, episode.durationMs);
    if (worst === null || episode.depthRatio > worst.depthRatio) worst = episode;
  };
  let peakMinor = 0n;
  let peakTimeMs = 0;
  let open: Open | null = null;
  for (let i = 0; i < points.length; i++) {
    const { timeMs, equityMinor } = points[i] as EquityPoint;
    if (i === 0 || equityMinor >= peakMinor) {
      if (open !== null) close(open, timeMs, timeMs);
      open = null;
      peakMinor = equityMinor;
      peakTimeMs = timeMs;
      continue; // drawdownRatio[i] stays exactly 0
    }
    const dd = growthRatio(peakMinor, equityMinor);
    // Mathematically in (-1, 0); the float division may round a tiny remainder to exactly -1.
    assert(dd < 0 && dd >= -1, 'a drawdown below a positive peak lies in [-1, 0)');
    drawdownRatio[i] = dd;
    if (open === null) open = { peakTimeMs, depthRatio: -dd, troughTimeMs: timeMs };
    else if (-dd > open.depthRatio) {
      open.depthRatio = -dd;
      open.troughTimeMs = timeMs;
    }
  }
  const last = points[points.length - 1];
  if (open !== null && last !== undefined) close(open, last.timeMs, null);
  const found = worst as DrawdownEpisode | null;
  return { drawdownRatio, maxDrawdown: found, maxDrawdownRatio: found?.depthRatio ?? 0, longestUnderwaterMs };
}
