/**
 * Calendar-month returns in UTC: each month's return is its last sample's equity over the
 * previous month's last sample (the first month starts from the first sample), minus 1. A month
 * with no sample (a gap in the series) has a null return and the next sampled month's return
 * covers the gap. Months run from the first sample's to the last sample's, contiguous.
 */
import { monthIndexOfMs, yearMonthOfIndex } from './calendar';
import { growthRatio } from './returns';
import type { EquityPoint, MonthlyReturn } from './types';

export function monthlyReturns(points: readonly EquityPoint[]): MonthlyReturn[] {
  const first = points[0];
  if (first === undefined) return [];
  const rows: MonthlyReturn[] = [];
  let baseMinor = first.equityMinor;
  let month = monthIndexOfMs(first.timeMs);
  let i = 0;
  while (i < points.length) {
    let lastInMonth: EquityPoint | undefined;
    while (i < points.length && monthIndexOfMs((points[i] as EquityPoint).timeMs) === month) {
      lastInMonth = points[i];
      i += 1;
    }
    const returnRatio = lastInMonth === undefined ? null : growthRatio(baseMinor, lastInMonth.equityMinor);
    if (lastInMonth !== undefined) baseMinor = lastInMonth.equityMinor;
    rows.push({ ...yearMonthOfIndex(month), returnRatio });
    month += 1;
  }
  return rows;
}

/**
 * Calendar-year returns compounded from the monthly table: Π(1 + r_m) − 1 over the year's months
 * with a return. The growth across a gap is counted in the year of the month that closes it.
 */
export function yearlyReturns(monthly: readonly MonthlyReturn[]): { year: number; returnRatio: number }[] {
  const byYear = new Map<number, number>();
  for (const row of monthly) {
    if (row.returnRatio === null) continue;
    byYear.set(row.year, (byYear.get(row.year) ?? 1) * (1 + row.returnRatio));
  }
  return [...byYear].map(([year, growth]) => ({ year, returnRatio: growth - 1 }));
}
