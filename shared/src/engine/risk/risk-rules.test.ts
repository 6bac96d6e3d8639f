import { describe, expect, it } from 'vitest';
import { Harness, only } from '../testing/fixtures';

const code = (h: Harness, ev = h.all) => only(ev, 'OrderRejected').at(-1)?.code;

function venue(limits: Record<string, unknown> = {}): Harness {
  const h = new Harness();
  h.account('mm', 10_000_000_00n, { kind: 'margin', leverage: 10 });
  h.account('t', 1_000_000_00n, { limits });
  h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_000 }] });
  return h;
}

describe('pre-trade risk', () => {
  it('order rate: the burst passes, one past it is rejected, tokens refill with command time', () => {
    const h = venue({ orderRatePerSec: 2, orderBurst: 3 });
    for (let i = 0; i < 3; i++) expect(h.limit('t', 'buy', 9_000, 1)[0]?.type).toBe('OrderAccepted');
    expect(code(h, h.limit('t', 'buy', 9_000, 1))).toBe('RISK_RATE_LIMITED');
    expect(h.place('t', { side: 'buy', orderType: 'limit', priceTicks: 9_000, qtyLots: 1 }, 499)[0]?.type).toBe(
      'OrderRejected',
    );
    expect(h.place('t', { side: 'buy', orderType: 'limit', priceTicks: 9_000, qtyLots: 1 }, 1)[0]?.type).toBe(
      'OrderAccepted',
    );
  });

  it('max open orders: at the limit passes, one past is rejected', () => {
    const h = venue({ maxOpenOrders: 2 });
    h.limit('t', 'buy', 9_000, 1);
    expect(h.limit('t', 'buy', 9_000, 1)[0]?.type).toBe('OrderAccepted');
    expect(code(h, h.limit('t', 'buy', 9_000, 1))).toBe('RISK_MAX_OPEN_ORDERS');
  });

  it('price band (fat finger): inside passes, one tick outside is rejected', () => {
    const h = venue({ priceBandBps: 500 });
    expect(h.limit('t', 'buy', 9_500, 1)[0]?.type).toBe('OrderAccepted');
    expect(code(h, h.limit('t', 'buy', 9_499, 1))).toBe('RISK_PRICE_BAND');
  });

  it('max order quantity, notional and position', () => {
    const h = venue({ maxOrderQtyLots: 10, maxOrderNotionalMinor: 50_000n, maxPositionLots: 12, priceBandBps: 0 });
    expect(code(h, h.limit('t', 'buy', 1_000, 11))).toBe('RISK_MAX_ORDER_QTY');
    expect(code(h, h.limit('t', 'buy', 5_001, 10))).toBe('RISK_MAX_ORDER_NOTIONAL');
    h.limit('t', 'buy', 5_000, 10);
    expect(code(h, h.limit('t', 'buy', 5_000, 3))).toBe('RISK_MAX_POSITION');
  });

  it('buying power of a cash account, and it cannot sell what it does not hold', () => {
    const h = venue();
    expect(code(h, h.limit('t', 'buy', 10_000, 10_001))).toBe('RISK_INSUFFICIENT_BUYING_POWER');
    expect(code(h, h.limit('t', 'sell', 10_000, 1))).toBe('RISK_INSUFFICIENT_POSITION');
  });

  it('off-grid, zero, negative and NaN quantities and prices are rejected with codes', () => {
    const h = venue();
    expect(code(h, h.limit('t', 'buy', 100.5, 1))).toBe('INSTR_OFF_GRID');
    expect(code(h, h.limit('t', 'buy', 100, 0))).toBe('ORDER_INVALID_QTY');
    expect(code(h, h.limit('t', 'buy', -1, 1))).toBe('ORDER_INVALID_PRICE');
    expect(code(h, h.limit('t', 'buy', 100, Number.NaN))).toBe('ORDER_INVALID_QTY');
    expect(code(h, h.place('t', { symbol: 'NOPE', side: 'buy', orderType: 'limit', priceTicks: 1, qtyLots: 1 }))).toBe(
      'INSTR_UNKNOWN',
    );
  });

  it('halted cancels open orders and refuses new ones; reducing lets only reducing orders through', () => {
    const h = venue();
    h.limit('t', 'buy', 9_000, 1);
    const ev = h.run({ type: 'SetTradingState', scope: 'account', accountId: 't', state: 'halted' });
    expect(only(ev, 'OrderCancelled')[0]?.reason).toBe('HALTED');
    expect(code(h, h.limit('t', 'buy', 9_000, 1))).toBe('RISK_HALTED');
    h.run({ type: 'SetTradingState', scope: 'global', state: 'reducing' });
    h.run({ type: 'SetTradingState', scope: 'account', accountId: 't', state: 'active' });
    expect(code(h, h.limit('t', 'buy', 9_000, 1))).toBe('RISK_REDUCING_ONLY');
  });

  it('daily loss limit: after losing it, only reducing orders pass until the next day', () => {
    const h = new Harness();
    h.account('mm', 10_000_000_00n, { kind: 'margin', leverage: 10 });
    h.account('t', 1_000_000_00n, { kind: 'margin', leverage: 10, limits: { dailyLossLimitMinor: 1_000n } });
    h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_000 }] });
    h.limit('mm', 'sell', 10_000, 10);
    h.limit('t', 'buy', 10_000, 10);
    h.limit('mm', 'buy', 9_900, 5);
    h.limit('t', 'sell', 9_900, 5); // realises −5 × 1.00 = −5.00 USD = −500 minor? 5 lots × 100 ticks = 500 cents
    h.limit('mm', 'buy', 9_800, 5);
    h.limit('t', 'sell', 9_800, 3); // −600 more: day PnL −1,100 ≤ −1,000
    expect(code(h, h.limit('t', 'buy', 9_000, 1))).toBe('RISK_DAILY_LOSS_LIMIT');
    expect(h.limit('t', 'sell', 9_800, 2)[0]?.type).toBe('OrderAccepted');
    expect(h.place('t', { side: 'buy', orderType: 'limit', priceTicks: 9_000, qtyLots: 1 }, 86_400_000)[0]?.type).toBe(
      'OrderAccepted',
    );
  });
});

describe('protections', () => {
  it('a cooldown after a losing close puts the account in reducing until it lapses', () => {
    const h = new Harness();
    h.account('mm', 10_000_000_00n, { kind: 'margin', leverage: 10 });
    h.account('t', 1_000_000_00n, { kind: 'margin', leverage: 10, limits: { cooldownAfterLossMs: 60_000 } });
    h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_000 }] });
    h.limit('mm', 'sell', 10_000, 2);
    h.limit('t', 'buy', 10_000, 2);
    h.limit('mm', 'buy', 9_900, 1);
    const ev = h.limit('t', 'sell', 9_900, 1);
    expect(only(ev, 'ProtectionTriggered')[0]).toMatchObject({ protection: 'cooldown', state: 'reducing' });
    expect(code(h, h.limit('t', 'buy', 9_000, 1))).toBe('RISK_REDUCING_ONLY');
    const lift = h.run({ type: 'AdvanceTime' }, 60_000);
    expect(only(lift, 'TradingStateChanged')[0]?.state).toBe('active');
  });

  it('the stop-loss guard halts after N losing stop fills in the window', () => {
    const h = new Harness();
    h.account('mm', 10_000_000_00n, { kind: 'margin', leverage: 10 });
    h.account('t', 1_000_000_00n, { kind: 'margin', leverage: 10, limits: { stopLossGuardCount: 1 } });
    h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_000 }] });
    h.limit('mm', 'sell', 10_000, 1);
    h.limit('t', 'buy', 10_000, 1);
    h.place('t', { side: 'sell', orderType: 'stop_market', triggerPriceTicks: 9_900, qtyLots: 1 });
    h.limit('mm', 'buy', 9_850, 1);
    const ev = h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 9_890 }] }, 1);
    expect(only(ev, 'ProtectionTriggered')[0]).toMatchObject({ protection: 'stop_loss_guard', state: 'halted' });
  });
});

describe('margin and accounts', () => {
  it('a margin call at the threshold, then liquidation below maintenance', () => {
    const h = new Harness({ maintenanceMarginBps: 500, marginCallBps: 15_000 });
    h.account('mm', 10_000_000_00n, { kind: 'margin', leverage: 10 });
    h.account('t', 100_00n, { kind: 'margin', leverage: 10 });
    h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_000 }] });
    h.limit('mm', 'sell', 10_000, 9);
    h.limit('t', 'buy', 10_000, 9); // 900 USD of stock on 100 USD: equity 100, maintenance 45
    const call = h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 9_500 }] }, 1); // equity 55 < 67.5
    expect(only(call, 'MarginCall')).toHaveLength(1);
    h.limit('mm', 'buy', 9_200, 9);
    // Below 93.57 equity (100 − 9 × (100 − p)) is under maintenance (9 × p × 5%).
    const more = h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 9_300 }] }, 1);
    expect(only(more, 'Liquidated')[0]).toMatchObject({ accountId: 't', qtyLots: 9 });
    expect(h.position('t')).toBe(0);
  });

  it('sub-accounts transfer within their family only, and never more than is available', () => {
    const h = venue();
    h.run({ type: 'OpenAccount', accountId: 't.strat1', kind: 'cash', parentId: 't' });
    h.run({ type: 'Transfer', fromAccountId: 't', toAccountId: 't.strat1', currency: 'USD', amountMinor: 500_00n });
    expect(h.cash('t.strat1')).toBe(500_00n);
    const bad = h.run({
      type: 'Transfer',
      fromAccountId: 't.strat1',
      toAccountId: 'mm',
      currency: 'USD',
      amountMinor: 1n,
    });
    expect(only(bad, 'CommandRejected')[0]?.code).toBe('ACCOUNT_TRANSFER_NOT_ALLOWED');
    const over = h.run({
      type: 'Transfer',
      fromAccountId: 't.strat1',
      toAccountId: 't',
      currency: 'USD',
      amountMinor: 500_01n,
    });
    expect(only(over, 'CommandRejected')[0]?.code).toBe('ACCOUNT_INSUFFICIENT_FUNDS');
  });
});
