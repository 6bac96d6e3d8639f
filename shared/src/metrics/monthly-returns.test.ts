import { describe, expect, it } from 'vitest';
import { DAY_MS, daysFromCivil } from './calendar';
import { monthlyReturns, yearlyReturns } from './monthly-returns';

const at = (y: number, m: number, d: number, msOfDay = 0) => daysFromCivil(y, m, d) * DAY_MS + msOfDay;

describe('monthly returns (UTC calendar months)', () => {
  it('buckets by UTC month, chains month ends, and leaves a gap month null', () => {
    const rows = monthlyReturns([
      { timeMs: at(2025, 12, 31, DAY_MS - 1), equityMinor: 1_000n }, // last ms of 2025
      { timeMs: at(2026, 1, 1), equityMinor: 1_050n }, // first ms of 2026
      { timeMs: at(2026, 1, 31, DAY_MS - 1), equityMinor: 1_100n },
      { timeMs: at(2026, 2, 1), equityMinor: 1_210n },
      { timeMs: at(2026, 4, 15), equityMinor: 1_331n },
    ]);
    // Dec 2025: one sample, 1,000/1,000 − 1 = 0. Jan: 1,100/1,000 − 1 = 0.1 (its last sample over
    // December's). Feb: 1,210/1,100 − 1 = 0.1. Mar: no sample → null. Apr: 1,331/1,210 − 1 = 0.1
    // (covers March too).
    expect(rows.map((r) => [r.year, r.month])).toEqual([
      [2025, 12],
      [2026, 1],
      [2026, 2],
      [2026, 3],
      [2026, 4],
    ]);
    expect(rows[0]?.returnRatio).toBe(0);
    expect(rows[1]?.returnRatio).toBeCloseTo(0.1, 15);
    expect(rows[2]?.returnRatio).toBeCloseTo(0.1, 15);
    expect(rows[3]?.returnRatio).toBeNull();
    expect(rows[4]?.returnRatio).toBeCloseTo(0.1, 15);
    // Years: 2025 → 0; 2026 → 1.1³ − 1 = 0.331.
    const years = yearlyReturns(rows);
    expect(years.map((y) => y.year)).toEqual([2025, 2026]);
    expect(years[0]?.returnRatio).toBe(0);
    expect(years[1]?.returnRatio).toBeCloseTo(0.331, 14);
  });

  it('puts the leap day in February and 1 March in March', () => {
    const rows = monthlyReturns([
      { timeMs: at(2024, 2, 29, DAY_MS - 1), equityMinor: 100n },
      { timeMs: at(2024, 3, 1), equityMinor: 120n },
    ]);
    expect(rows).toEqual([
      { year: 2024, month: 2, returnRatio: 0 },
      { year: 2024, month: 3, returnRatio: 0.2 },
    ]);
  });

  it('handles instants before 1970', () => {
    const rows = monthlyReturns([
      { timeMs: at(1969, 12, 31), equityMinor: 100n },
      { timeMs: -1 + DAY_MS, equityMinor: 90n }, // 1970-01-01T23:59:59.999
    ]);
    expect(rows.map((r) => [r.year, r.month, r.returnRatio])).toEqual([
      [1969, 12, 0],
      [1970, 1, -0.1],
    ]);
  });
});
