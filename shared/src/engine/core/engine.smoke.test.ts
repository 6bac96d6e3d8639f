import { describe, expect, it } from 'vitest';
import { Harness, only, types } from '../testing/fixtures';

describe('engine smoke', () => {
  it('a limit buy crosses a resting sell and both sides settle', () => {
    const h = new Harness();
    h.account('alice');
    h.account('bob');
    h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_000 }] });
    // bob needs shares to sell: he buys from alice first? Cash accounts cannot short, so alice sells nothing yet.
    const r = h.limit('bob', 'buy', 10_000, 5);
    expect(types(r)).toEqual(['OrderAccepted']);
    const m = h.engine.apply(h.state, {
      type: 'PlaceOrder',
      timeMs: h.timeMs,
      accountId: 'alice',
      order: { symbol: 'XYZ', side: 'sell', orderType: 'limit', priceTicks: 10_000, qtyLots: 5 },
    });
    expect(only(m, 'OrderRejected')[0]?.code).toBe('RISK_INSUFFICIENT_POSITION');
  });
});
