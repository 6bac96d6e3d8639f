/**
 * UTC calendar arithmetic on epoch milliseconds without `Date` (banned in deterministic code):
 * Howard Hinnant's `days_from_civil` / `civil_from_days`
 * (https://howardhinnant.github.io/date_algorithms.html), proleptic Gregorian calendar.
 * The algorithm shifts the year to start on 1 March so the leap day is the last day of a
 * "year", then counts 400-year eras of 146,097 days. Every division is a floor.
 */
import { assert } from '../util/assert';

export const DAY_MS = 86_400_000;

/** A calendar date in UTC; `month` is 1–12, `day` is 1–31. */
export type CivilDate = { readonly year: number; readonly month: number; readonly day: number };

/** Days since 1970-01-01 of the given proleptic Gregorian date (negative before 1970). */
export function daysFromCivil(year: number, month: number, day: number): number {
  assert(Number.isSafeInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= 31, 'bad civil date');
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400; // [0, 399]
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1; // [0, 365]
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468; // 719,468 days from 0000-03-01 to 1970-01-01
}

/** The proleptic Gregorian date of `days` since 1970-01-01. */
export function civilFromDays(days: number): CivilDate {
  assert(Number.isSafeInteger(days), 'days must be a safe integer');
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097; // [0, 146096]
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  ); // [0, 399]
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100)); // [0, 365]
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153); // [0, 11], 0 = March
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The UTC calendar date of an epoch-millisecond instant (floor to the day, also before 1970). */
export function utcDateOfMs(timeMs: number): CivilDate {
  return civilFromDays(Math.floor(timeMs / DAY_MS));
}

/** A month as one increasing integer (`year × 12 + month − 1`), for bucketing and stepping. */
export function monthIndexOfMs(timeMs: number): number {
  const { year, month } = utcDateOfMs(timeMs);
  return year * 12 + (month - 1);
}

/** The inverse of `monthIndexOfMs` for the year and month. */
export function yearMonthOfIndex(monthIndex: number): { readonly year: number; readonly month: number } {
  const year = Math.floor(monthIndex / 12);
  return { year, month: monthIndex - year * 12 + 1 };
}
