import { describe, expect, it } from 'vitest';
import { addScaled, formatScaledAt, parseDecimal, roundScaled } from './decimal-math';
import { formatPnl, marketValue, unrealisedPnl } from './pnl';

describe('unrealisedPnl', () => {
  it('is exact for long and short positions (no float drift)', () => {
    expect(formatPnl(unrealisedPnl('0.1', '100.10', '100.30'))).toBe('+0.02');
    expect(formatPnl(unrealisedPnl('-3', '50.00', '51.25'))).toBe('\u22123.75');
    expect(formatPnl(unrealisedPnl('0.3', '0.1', '0.2'))).toBe('+0.03');
  });

  it('is flat at the entry price and unknown without a price', () => {
    expect(formatPnl(unrealisedPnl('2', '10.00', '10.00'))).toBe('0.00');
    expect(formatPnl(unrealisedPnl('2', '10.00', null))).toBe('\u2014');
    expect(unrealisedPnl('x', '10', '10')).toBeUndefined();
  });

  it('never shows a negative zero after rounding', () => {
    expect(formatPnl(unrealisedPnl('0.001', '10.00', '9.99'))).toBe('0.00');
  });
});

describe('decimal math', () => {
  it('adds across scales and rounds half away from zero', () => {
    const sum = addScaled(parseDecimal('1.005') ?? fail(), parseDecimal('2') ?? fail());
    expect(formatScaledAt(sum, 2)).toBe('3.01');
    expect(roundScaled(parseDecimal('-1.005') ?? fail(), 2)).toEqual({ units: -101n, scale: 2 });
    expect(formatScaledAt(marketValue('-2', '10.5') ?? fail(), 2)).toBe('-21.00');
  });

  it('refuses what is not a plain decimal of bounded size', () => {
    for (const bad of ['', '1e5', '1.', '.5', 'NaN', '1'.repeat(19)]) expect(parseDecimal(bad)).toBeUndefined();
  });
});

function fail(): never {
  throw new Error('unexpected undefined');
}

describe('from core position views (signed quantity and cost)', () => {
  it('is quantity × price − cost, for longs and shorts', async () => {
    const { unrealisedFromCost, averageEntry } = await import('./pnl');
    expect(formatPnl(unrealisedFromCost('0.01', '900.00', '90100.00'))).toBe('+1.00');
    expect(formatPnl(unrealisedFromCost('-2', '-200.00', '101.00'))).toBe('\u22122.00');
    expect(averageEntry('0.01', '900.00', 2)).toBe('90000.00');
    expect(averageEntry('-3', '-10.00', 2)).toBe('3.33');
    expect(averageEntry('0', '0', 2)).toBeUndefined();
  });
});
