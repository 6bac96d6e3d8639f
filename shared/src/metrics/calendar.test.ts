import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, DAY_MS, daysFromCivil, monthIndexOfMs, utcDateOfMs } from './calendar';
import { TIME_MS_MAX, TIME_MS_MIN } from './limits';

describe('UTC calendar (Hinnant)', () => {
  it('maps known dates to days since 1970-01-01', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    // 2000-03-01: 30 years × 365 + 7 leap days (1972…1996) = 10,957 to 2000-01-01; + 31 + 29 = 11,017.
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
    // 2026-11-24: 56 × 365 + 14 leap days (1972…2024) = 20,454 to 2026-01-01; Jan–Oct = 304 days; + 23.
    expect(daysFromCivil(2026, 11, 24)).toBe(20_781);
    expect(civilFromDays(20_781)).toEqual({ year: 2026, month: 11, day: 24 });
    // 1900 is not a leap year (divisible by 100, not 400): 1900-02-28 is followed by 1900-03-01.
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1);
    // 2000 is (divisible by 400): 2000-02-29 exists.
    expect(civilFromDays(daysFromCivil(2000, 3, 1) - 1)).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it('places an instant before 1970 on the right day (floor, not truncation)', () => {
    expect(utcDateOfMs(-1)).toEqual({ year: 1969, month: 12, day: 31 });
    expect(utcDateOfMs(0)).toEqual({ year: 1970, month: 1, day: 1 });
    expect(utcDateOfMs(DAY_MS - 1)).toEqual({ year: 1970, month: 1, day: 1 });
  });

  it('agrees with Date.UTC over the whole accepted time range (property, Date as the oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: TIME_MS_MIN, max: TIME_MS_MAX - 1 }), (timeMs) => {
        const d = new Date(timeMs);
        expect(utcDateOfMs(timeMs)).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        });
        expect(monthIndexOfMs(timeMs)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
      }),
      { seed: 1, numRuns: 2000 },
    );
  });

  it('round-trips days → date → days (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
      }),
      { seed: 2 },
    );
  });

  it('states the time limits as the dates they claim to be', () => {
    expect(TIME_MS_MIN).toBe(daysFromCivil(1900, 1, 1) * DAY_MS);
    expect(TIME_MS_MAX).toBe(daysFromCivil(2200, 1, 1) * DAY_MS);
  });
});
