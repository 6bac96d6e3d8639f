import { describe, expect, it } from 'vitest';
import { changeTrend, formatAsOf, formatChange, formatClock, formatDecimal } from './format';

describe('formatDecimal', () => {
  it('groups thousands and keeps every digit the core sent', () => {
    expect(formatDecimal('96500.10')).toBe('96,500.10');
    expect(formatDecimal('1234567.00001')).toBe('1,234,567.00001');
    expect(formatDecimal('999.9')).toBe('999.9');
    expect(formatDecimal('0.00038')).toBe('0.00038');
    expect(formatDecimal('-1000')).toBe('-1,000');
  });

  it('leaves anything else alone', () => {
    expect(formatDecimal('1e5')).toBe('1e5');
    expect(formatDecimal('')).toBe('');
  });
});

describe('formatChange', () => {
  it('signs and rounds a ratio as a percentage', () => {
    expect(formatChange(0.012345)).toBe('+1.23%');
    expect(formatChange(-0.5)).toBe('\u221250.00%');
    expect(formatChange(0)).toBe('0.00%');
    expect(formatChange(-0.00001)).toBe('0.00%');
  });
});

describe('formatClock / formatAsOf', () => {
  it('shows the time of day, and the date when it is not today', () => {
    const t = new Date(2026, 10, 24, 9, 5, 7).getTime();
    expect(formatClock(t)).toBe('09:05:07');
    expect(formatAsOf(t, t + 60_000)).toBe('09:05:07');
    expect(formatAsOf(t, t + 2 * 86_400_000)).toBe('24 Nov 09:05');
  });
});

describe('changeTrend', () => {
  it('colours by what is displayed: a change that rounds to 0.00% is flat', () => {
    expect(changeTrend(0.00004)).toBe('flat');
    expect(changeTrend(-0.00004)).toBe('flat');
    expect(changeTrend(0.0001)).toBe('up');
    expect(changeTrend(-0.0001)).toBe('down');
    expect(changeTrend(undefined)).toBe('flat');
  });
});
