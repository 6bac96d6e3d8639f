import type { Bar } from './bar';

/** A half-open range of bar open times `[fromMs, toMs)` with no bar. */
export type Gap = { readonly fromMs: number; readonly toMs: number };

/**
 * The runs of missing bars in `[fromMs, toMs)` (both aligned to `intervalMs`), given bars
 * sorted by open time. Bars outside the range are ignored. O(bars + gaps).
 */
export function findGaps(bars: readonly Bar[], fromMs: number, toMs: number, intervalMs: number): Gap[] {
  const gaps: Gap[] = [];
  let expected = fromMs;
  for (const bar of bars) {
    const t = bar[0];
    if (t < fromMs || t >= toMs) continue;
    if (t > expected) gaps.push({ fromMs: expected, toMs: t });
    if (t >= expected) expected = t + intervalMs;
  }
  if (expected < toMs) gaps.push({ fromMs: expected, toMs });
  return gaps;
}

/** Merges two bar lists sorted by open time; on equal open times `primary` wins. */
export function mergeBars(primary: readonly Bar[], secondary: readonly Bar[]): Bar[] {
  const out: Bar[] = [];
  let i = 0;
  let j = 0;
  while (i < primary.length || j < secondary.length) {
    const a = primary[i];
    const b = secondary[j];
    if (b === undefined || (a !== undefined && a[0] <= b[0])) {
      if (b !== undefined && a !== undefined && a[0] === b[0]) j += 1;
      out.push(a as Bar);
      i += 1;
    } else {
      out.push(b);
      j += 1;
    }
  }
  return out;
}
