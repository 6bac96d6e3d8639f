/**
 * How per-sample statistics become annual ones. A year is 365.25 days (the Julian year: the
 * mean Gregorian year to 3 parts in 10^5) because the simulated and crypto markets trade every
 * day; equities users pass `periodsPerYear: 252` for daily samples of trading days.
 */
import { assert } from '../util/assert';
import { DAY_MS } from './calendar';
import { portablePow } from './portable-math';
import type { EquityPoint } from './types';

export const YEAR_MS = 365.25 * DAY_MS;

/**
 * Periods per year from the median interval between samples (robust to a few gaps, e.g. a
 * server restart): YEAR_MS ÷ median Δt. Null with fewer than two samples.
 */
export function periodsPerYearFromSamples(points: readonly EquityPoint[]): number | null {
  if (points.length < 2) return null;
  const intervals = new Float64Array(points.length - 1);
  for (let i = 1; i < points.length; i++) {
    intervals[i - 1] = (points[i] as EquityPoint).timeMs - (points[i - 1] as EquityPoint).timeMs;
  }
  intervals.sort();
  const mid = intervals.length >> 1;
  const median =
    intervals.length % 2 === 1
      ? (intervals[mid] as number)
      : ((intervals[mid - 1] as number) + (intervals[mid] as number)) / 2;
  assert(median > 0, 'sample times must be strictly increasing');
  return YEAR_MS / median;
}

/** The per-period rate equivalent to an annual one, compounding: (1 + r)^(1/P) − 1 (portable pow). */
export function perPeriodRate(annualRatio: number, periodsPerYear: number): number {
  assert(annualRatio > -1 && periodsPerYear > 0, 'bad rate or periods');
  return portablePow(1 + annualRatio, 1 / periodsPerYear) - 1;
}
