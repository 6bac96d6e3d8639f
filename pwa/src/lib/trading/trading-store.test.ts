import type { OrderView, PositionView } from '@tradewind/shared/protocol';
import { describe, expect, it } from 'vitest';
import type { TradingApi } from './trading-api';
import { NOTICES_MAX, TradingStore } from './trading-store';

const A = '6f1c1f57-8f7e-4c55-9d3c-2c8c6ad0c0d1';
const B = '7f1c1f57-8f7e-4c55-9d3c-2c8c6ad0c0d2';
const order = (orderId: string, status: OrderView['status'], accountId = A): OrderView => ({
  orderId,
  clientOrderId: `c${orderId}`,
  accountId,
  symbol: 'BTC-USD',
  side: 'buy',
  type: 'limit',
  timeInForce: 'GTC',
  status,
  quantity: '0.01',
  filledQuantity: '0',
  price: '100.00',
  updatedAtMs: 1,
});
const position = (quantity: string, accountId = A): PositionView => ({
  accountId,
  symbol: 'BTC-USD',
  quantity,
  cost: '10.00',
  realisedPnl: '0',
  updatedAtMs: 1,
});

function fakeApi(calls: string[]): TradingApi {
  const ack = async () => ({});
  return {
    place: ack,
    modify: ack,
    cancel: ack,
    cancelAll: ack,
    killSwitch: ack,
    openOrders: async (i) => {
      calls.push(`open ${i.accountId}`);
      return [order('2', 'accepted')];
    },
    orderByClientId: async () => null,
    orderHistory: async () => ({ items: [order('1', 'filled')], nextCursor: null }),
    fills: async () => ({ items: [], nextCursor: null }),
    positions: async () => [position('0.1')],
    balances: async () => [{ accountId: A, currency: 'USD', balance: '99990.00', updatedAtMs: 1 }],
  };
}

const tick = () => new Promise((ok) => setTimeout(ok, 0));

describe('TradingStore', () => {
  it('loads the account from edge, then follows its private frames', async () => {
    const calls: string[] = [];
    const store = new TradingStore(fakeApi(calls));
    store.setAccount(A);
    await tick();
    expect(calls).toEqual([`open ${A}`]);
    expect(store.openOrders.value.map((o) => o.orderId)).toEqual(['2']);
    store.apply({ type: 'order', topic: `acct.${A}`, seq: 1, order: order('3', 'accepted') });
    expect(store.openOrders.value.map((o) => o.orderId)).toEqual(['3', '2']);
    store.apply({ type: 'order', topic: `acct.${A}`, seq: 2, order: order('2', 'cancelled') });
    expect(store.openOrders.value.map((o) => o.orderId)).toEqual(['3']);
    expect(store.doneOrders.value.map((o) => `${o.orderId} ${o.status}`)).toEqual(['2 cancelled', '1 filled']);
    store.apply({
      type: 'balance',
      topic: `acct.${A}`,
      seq: 3,
      balance: { accountId: A, currency: 'USD', balance: '5.00', updatedAtMs: 2 },
    });
    expect(store.balances.value[0]?.balance).toBe('5.00');
  });

  it('tells the user when a position closes, and ignores frames of another account', async () => {
    const store = new TradingStore(fakeApi([]));
    store.setAccount(A);
    await tick();
    store.apply({ type: 'order', topic: `acct.${B}`, seq: 1, order: order('9', 'accepted', B) });
    store.apply({ type: 'position', topic: `acct.${B}`, seq: 2, position: position('0', B) });
    expect(store.openOrders.value.map((o) => o.orderId)).toEqual(['2']);
    expect(store.notices.value).toEqual([]);
    store.apply({
      type: 'alert',
      topic: `acct.${A}`,
      seq: 3,
      alert: { kind: 'stop_triggered', message: 'stop_market sell BTC-USD triggered' },
    });
    store.apply({ type: 'position', topic: `acct.${A}`, seq: 4, position: position('0') });
    expect(store.positions.value).toEqual([]);
    expect(store.notices.value.map((n) => n.text)).toEqual([
      'Stop market sell BTC-USD triggered.',
      'Your BTC-USD position was closed.',
    ]);
  });

  it('keeps at most NOTICES_MAX notices and forgets everything on an account change', async () => {
    const store = new TradingStore(fakeApi([]));
    store.setAccount(A);
    for (let i = 0; i <= NOTICES_MAX; i++) store.notify(`n${i}`);
    expect(store.notices.value.map((n) => n.text)[0]).toBe('n1');
    await tick();
    store.setAccount(null);
    expect(store.openOrders.value).toEqual([]);
    expect(store.loaded.value).toBe(false);
  });

  it('a margin call alert raises the banner state until the liquidation or an account change', async () => {
    const store = new TradingStore(fakeApi([]));
    store.setAccount(A);
    const alert = (kind: 'margin_call' | 'liquidated', message: string, seq: number) =>
      store.apply({ type: 'alert', topic: `acct.${A}`, seq, alert: { kind, message } });
    alert('margin_call', 'margin call: equity is near maintenance margin', 1);
    expect(store.marginCall.value).toBe('Margin call: equity is near maintenance margin.');
    alert('liquidated', 'BTC-USD liquidated', 2);
    expect(store.marginCall.value).toBeNull();
    expect(store.notices.value.map((n) => n.text)).toContain('BTC-USD liquidated.');
    alert('margin_call', 'margin call', 3);
    store.setAccount(B);
    expect(store.marginCall.value).toBeNull();
    await tick();
  });
});
