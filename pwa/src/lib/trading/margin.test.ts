import { describe, expect, it } from 'vitest';
import { formatScaledAt } from './decimal-math';
import { marginUsage } from './margin';

const rules = { leverage: 10, maintenanceMarginBps: 500, marginCallBps: 15_000 };
const show = (x: { units: bigint; scale: number }) => formatScaledAt(x, 2);

describe('marginUsage', () => {
  it('follows the engine rules: 9 BTC bought at 100,000 on 100,000 of cash (10×), at three prices', () => {
    // Cash after the buy: 100,000 − 900,000 = −800,000 (borrowed).
    const at = (price: string) => marginUsage('-800000.00', [{ quantity: '9', price }], rules);
    const healthy = at('100000.00');
    expect(healthy && show(healthy.equity)).toBe('100000.00');
    expect(healthy && show(healthy.exposure)).toBe('900000.00');
    expect(healthy && show(healthy.initialMargin)).toBe('90000.00');
    expect(healthy && show(healthy.freeMargin)).toBe('10000.00');
    expect(healthy && show(healthy.maintenance)).toBe('45000.00');
    expect(healthy?.marginLevelPct).toBe('222.2');
    expect(healthy?.state).toBe('ok');
    // Equity 55,000 < 1.5 × 42,750 = 64,125: a margin call (the engine's at 95,000 too).
    expect(at('95000.00')?.state).toBe('call');
    // Equity 37,000 < 41,850: liquidation (the engine's at 93,000).
    expect(at('93000.00')?.state).toBe('liquidation');
  });

  it('shorts count by their absolute value; a flat account is ok with no level', () => {
    const short = marginUsage('200000.00', [{ quantity: '-1', price: '100000.00' }], { ...rules, leverage: 3 });
    expect(short && show(short.equity)).toBe('100000.00');
    expect(short && show(short.initialMargin)).toBe('33333.33');
    const flat = marginUsage('100000.00', [], rules);
    expect(flat?.state).toBe('ok');
    expect(flat?.marginLevelPct).toBeNull();
  });

  it('is undefined while cash or a price is unknown', () => {
    expect(marginUsage(null, [], rules)).toBeUndefined();
    expect(marginUsage('1.00', [{ quantity: '1', price: null }], rules)).toBeUndefined();
  });
});
