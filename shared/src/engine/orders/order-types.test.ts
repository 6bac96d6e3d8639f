import { describe, expect, it } from 'vitest';
import { Harness, only, types } from '../testing/fixtures';

/** A venue with a margin maker (can short) and a cash trader, marked at 100.00 (10,000 ticks). */
function venue(): Harness {
  const h = new Harness();
  h.account('mm', 10_000_000_00n, { kind: 'margin', leverage: 10 });
  h.account('t1');
  h.account('t2', 10_000_000_00n, { kind: 'margin', leverage: 10 });
  h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_000 }] });
  return h;
}

describe('limit and market orders', () => {
  it('a crossing limit trades at the resting price and both positions follow', () => {
    const h = venue();
    h.limit('mm', 'sell', 10_000, 10);
    const ev = h.limit('t1', 'buy', 10_050, 4);
    expect(only(ev, 'TradeExecuted')[0]).toMatchObject({ priceTicks: 10_000, qtyLots: 4, aggressor: 'buy' });
    expect(h.position('t1')).toBe(4);
    expect(h.position('mm')).toBe(-4);
    expect(h.cash('t1')).toBe(1_000_000_00n - 4n * 100_00n);
  });

  it('a market order trades only up to its protection price; the rest is cancelled, never rests', () => {
    const h = venue();
    h.limit('mm', 'sell', 10_100, 3);
    h.limit('mm', 'sell', 11_000, 3); // 10% away: beyond the 5% protection
    const ev = h.place('t1', { side: 'buy', orderType: 'market', qtyLots: 6, tif: 'IOC' });
    expect(
      only(ev, 'OrderFilled')
        .filter((f) => f.accountId === 't1')
        .map((f) => f.qtyLots),
    ).toEqual([3]);
    expect(only(ev, 'OrderCancelled')[0]).toMatchObject({ reason: 'NO_LIQUIDITY', cancelledLots: 3 });
    expect(h.state.instruments[0]?.book.bestAskTicks()).toBe(11_000);
  });

  it('IOC fills what it can and the remainder is cancelled', () => {
    const h = venue();
    h.limit('mm', 'sell', 10_000, 2);
    const ev = h.limit('t1', 'buy', 10_000, 5, { tif: 'IOC' });
    expect(only(ev, 'OrderFilled').find((f) => f.accountId === 't1')?.status).toBe('partially_filled');
    expect(only(ev, 'OrderCancelled')[0]).toMatchObject({ reason: 'IOC_REMAINDER', filledLots: 2, cancelledLots: 3 });
    expect(h.state.orders.size).toBe(0);
  });

  it('FOK that cannot fill completely trades nothing', () => {
    const h = venue();
    h.limit('mm', 'sell', 10_000, 2);
    const ev = h.limit('t1', 'buy', 10_000, 5, { tif: 'FOK' });
    expect(types(ev)).toEqual(['OrderAccepted', 'OrderCancelled']);
    expect(only(ev, 'OrderCancelled')[0]?.reason).toBe('FOK_UNFILLABLE');
    expect(h.position('t1')).toBe(0);
  });

  it('post-only is rejected when it would take, and rests when it would not', () => {
    const h = venue();
    h.limit('mm', 'sell', 10_000, 2);
    expect(only(h.limit('t1', 'buy', 10_000, 1, { postOnly: true }), 'OrderRejected')[0]?.code).toBe(
      'ORDER_POST_ONLY_WOULD_TAKE',
    );
    expect(types(h.limit('t1', 'buy', 9_999, 1, { postOnly: true }))).toEqual(['OrderAccepted']);
  });
});

describe('stops, take-profits and trailing stops', () => {
  it('a stop triggered by a gap executes at the market beyond its trigger', () => {
    const h = venue();
    h.limit('t2', 'buy', 10_000, 5);
    h.limit('mm', 'sell', 10_000, 5); // t2 long 5
    const id = Harness.accepted(
      h.place('t2', { side: 'sell', orderType: 'stop_market', triggerPriceTicks: 9_500, qtyLots: 5, reduceOnly: true }),
    );
    h.limit('mm', 'buy', 9_000, 10); // the only bid is far below the stop
    const ev = h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 9_100 }] }, 1);
    expect(only(ev, 'OrderTriggered')[0]).toMatchObject({ orderId: id, triggerPriceTicks: 9_500, atPriceTicks: 9_100 });
    expect(only(ev, 'TradeExecuted')[0]).toMatchObject({ priceTicks: 9_000, qtyLots: 5 });
    expect(h.position('t2')).toBe(0);
  });

  it('a trigger already passed is rejected rather than fired at once', () => {
    const h = venue();
    const ev = h.place('t2', { side: 'buy', orderType: 'stop_market', triggerPriceTicks: 9_900, qtyLots: 1 });
    expect(only(ev, 'OrderRejected')[0]?.code).toBe('ORDER_TRIGGER_ALREADY_PASSED');
  });

  it('a take-profit fires when the price moves in favour', () => {
    const h = venue();
    h.limit('t2', 'buy', 10_000, 2);
    h.limit('mm', 'sell', 10_000, 2);
    h.place('t2', {
      side: 'sell',
      orderType: 'take_profit_limit',
      triggerPriceTicks: 10_500,
      priceTicks: 10_400,
      qtyLots: 2,
    });
    h.limit('mm', 'buy', 10_450, 2);
    const ev = h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_500 }] }, 1);
    expect(types(ev)).toContain('OrderTriggered');
    expect(only(ev, 'TradeExecuted')[0]?.priceTicks).toBe(10_450);
  });

  it('a trailing stop ratchets up with the price and never down, then fires', () => {
    const h = venue();
    h.limit('t2', 'buy', 10_000, 1);
    h.limit('mm', 'sell', 10_000, 1);
    const id = Harness.accepted(
      h.place('t2', { side: 'sell', orderType: 'trailing_stop', trailTicks: 200, qtyLots: 1 }),
    );
    const trig = () => h.state.orders.get(id)?.triggerTicks;
    expect(trig()).toBe(9_800);
    h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_500 }] }, 1);
    expect(trig()).toBe(10_300);
    h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_400 }] }, 1);
    expect(trig()).toBe(10_300);
    h.limit('mm', 'buy', 10_250, 1);
    const ev = h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 10_290 }] }, 1);
    expect(only(ev, 'OrderTriggered')[0]?.orderId).toBe(id);
    expect(h.position('t2')).toBe(0);
  });

  it('a percent trailing stop trails by bps of the best price', () => {
    const h = venue();
    h.limit('t2', 'buy', 10_000, 1);
    h.limit('mm', 'sell', 10_000, 1);
    const id = Harness.accepted(h.place('t2', { side: 'sell', orderType: 'trailing_stop', trailBps: 100, qtyLots: 1 }));
    expect(h.state.orders.get(id)?.triggerTicks).toBe(9_900);
    h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 12_000 }] }, 1);
    expect(h.state.orders.get(id)?.triggerTicks).toBe(11_880);
  });
});

describe('OCO and brackets', () => {
  it('when one OCO leg fills, the other is cancelled', () => {
    const h = venue();
    h.limit('t2', 'buy', 10_000, 3);
    h.limit('mm', 'sell', 10_000, 3);
    const ev = h.run({
      type: 'PlaceOco',
      accountId: 't2',
      first: { symbol: 'XYZ', side: 'sell', orderType: 'limit', priceTicks: 10_300, qtyLots: 3, tif: 'GTC' },
      second: {
        symbol: 'XYZ',
        side: 'sell',
        orderType: 'stop_market',
        triggerPriceTicks: 9_700,
        qtyLots: 3,
        tif: 'GTC',
      },
    });
    const [tp, sl] = [Harness.accepted(ev, 0), Harness.accepted(ev, 1)];
    const fill = h.limit('mm', 'buy', 10_300, 3);
    expect(only(fill, 'OrderCancelled')[0]).toMatchObject({ orderId: sl, reason: 'OCO_SIBLING' });
    expect(h.state.orders.has(tp)).toBe(false);
    expect(h.position('t2')).toBe(0);
  });

  it('bracket legs go live for the filled lots and cancel each other', () => {
    const h = venue();
    h.limit('mm', 'sell', 10_000, 2);
    const ev = h.run({
      type: 'PlaceBracket',
      accountId: 't1',
      entry: { symbol: 'XYZ', side: 'buy', orderType: 'limit', priceTicks: 10_000, qtyLots: 5, tif: 'GTC' },
      takeProfitTicks: 10_500,
      stopLossTriggerTicks: 9_500,
    });
    const legs = only(ev, 'OrderAccepted').slice(1);
    expect(legs.map((l) => [l.orderType, l.qtyLots, l.side])).toEqual([
      ['limit', 2, 'sell'],
      ['stop_market', 2, 'sell'],
    ]);
    const more = h.limit('mm', 'sell', 10_000, 3); // the rest of the entry fills: legs grow
    expect(only(more, 'OrderModified').map((m) => m.qtyLots)).toEqual([5, 5]);
    h.limit('mm', 'buy', 9_400, 10);
    const stop = h.run({ type: 'MarkPrices', marks: [{ symbol: 'XYZ', priceTicks: 9_450 }] }, 1);
    expect(only(stop, 'OrderCancelled')[0]).toMatchObject({ orderId: legs[0]?.orderId, reason: 'OCO_SIBLING' });
    expect(h.position('t1')).toBe(0);
  });

  it('a cancelled entry with no fills leaves no legs', () => {
    const h = venue();
    const ev = h.run({
      type: 'PlaceBracket',
      accountId: 't1',
      entry: { symbol: 'XYZ', side: 'buy', orderType: 'limit', priceTicks: 9_900, qtyLots: 5, tif: 'GTC' },
      takeProfitTicks: 10_500,
      stopLossTriggerTicks: 9_500,
    });
    h.run({ type: 'CancelOrder', accountId: 't1', orderId: Harness.accepted(ev) });
    expect(h.state.orders.size).toBe(0);
  });
});

describe('reduce-only, modify, expiry, ids', () => {
  it('reduce-only on a flip closes the position and never opens the other side', () => {
    const h = venue();
    h.limit('t2', 'buy', 10_000, 5);
    h.limit('mm', 'sell', 10_000, 5);
    const ev = h.limit('t2', 'sell', 10_000, 8, { reduceOnly: true });
    expect(only(ev, 'OrderAccepted')[0]?.qtyLots).toBe(5);
    h.limit('mm', 'buy', 10_000, 20);
    expect(h.position('t2')).toBe(0);
  });

  it('a quantity decrease keeps time priority; a price change or an increase loses it', () => {
    const h = venue();
    const a = Harness.accepted(h.limit('mm', 'sell', 10_100, 5));
    h.limit('t2', 'sell', 10_100, 5);
    const dec = h.run({ type: 'ModifyOrder', accountId: 'mm', orderId: a, qtyLots: 3 });
    expect(only(dec, 'OrderModified')[0]?.priorityKept).toBe(true);
    expect(only(h.limit('t1', 'buy', 10_100, 1), 'TradeExecuted')[0]?.sellAccountId).toBe('mm');
    const inc = h.run({ type: 'ModifyOrder', accountId: 'mm', orderId: a, qtyLots: 6 });
    expect(only(inc, 'OrderModified')[0]?.priorityKept).toBe(false);
    expect(only(h.limit('t1', 'buy', 10_100, 1), 'TradeExecuted')[0]?.sellAccountId).toBe('t2');
  });

  it('GTD expires at its time and DAY at the end of the trading day', () => {
    const h = venue();
    const gtd = Harness.accepted(h.limit('t1', 'buy', 9_000, 1, { tif: 'GTD', expireAtMs: h.timeMs + 500 }));
    const day = Harness.accepted(h.limit('t1', 'buy', 9_000, 1, { tif: 'DAY' }));
    expect(only(h.run({ type: 'AdvanceTime' }, 499), 'OrderExpired')).toEqual([]);
    expect(only(h.run({ type: 'AdvanceTime' }, 1), 'OrderExpired').map((e) => e.orderId)).toEqual([gtd]);
    expect(only(h.run({ type: 'AdvanceTime' }, 86_400_000), 'OrderExpired').map((e) => e.orderId)).toEqual([day]);
  });

  it('a repeated client order id is rejected and never executes twice', () => {
    const h = venue();
    h.limit('t1', 'buy', 9_000, 1, { clientOrderId: 'k1' });
    const again = h.limit('t1', 'buy', 9_000, 1, { clientOrderId: 'k1' });
    expect(only(again, 'OrderRejected')[0]?.code).toBe('ORDER_DUPLICATE_CLIENT_ID');
    expect(h.state.orders.size).toBe(1);
  });

  it('an open order keeps its client id however old; an ended one only within the window', () => {
    const h = venue();
    h.run({ type: 'SetLimits', accountId: 't1', limits: { clientIdWindow: 2, clientIdWindowMs: 60_000 } });
    const dup = (cid: string, dtMs = 0) => {
      const order = { side: 'buy', orderType: 'limit', priceTicks: 9_000, qtyLots: 1, clientOrderId: cid } as const;
      return only(h.place('t1', order, dtMs), 'OrderRejected')[0]?.code;
    };
    const open = Harness.accepted(h.limit('t1', 'buy', 9_000, 1, { clientOrderId: 'open' }));
    expect(dup('open', 10 * 60_000)).toBe('ORDER_DUPLICATE_CLIENT_ID');
    // Three ended orders: the oldest falls out of the count window (2), the others stay taken.
    for (const cid of ['e1', 'e2', 'e3']) {
      const id = Harness.accepted(h.limit('t1', 'buy', 9_000, 1, { clientOrderId: cid }));
      h.run({ type: 'CancelOrder', accountId: 't1', orderId: id });
    }
    expect([dup('e2'), dup('e3')]).toEqual(['ORDER_DUPLICATE_CLIENT_ID', 'ORDER_DUPLICATE_CLIENT_ID']);
    expect(dup('e1')).toBeUndefined(); // forgotten: accepted again as a new order
    // Time window: 59,999 ms after its end e3 is still taken, at 60,000 ms it is not.
    expect(dup('e3', 59_999)).toBe('ORDER_DUPLICATE_CLIENT_ID');
    expect(dup('e3', 1)).toBeUndefined();
    expect(h.state.orders.has(open)).toBe(true);
    expect(dup('open')).toBe('ORDER_DUPLICATE_CLIENT_ID');
  });

  it('client ids stay bounded by open orders plus the window', () => {
    const h = venue();
    h.run({ type: 'SetLimits', accountId: 't1', limits: { clientIdWindow: 10 } });
    for (let i = 0; i < 200; i++) {
      const id = Harness.accepted(h.limit('t1', 'buy', 9_000, 1, { clientOrderId: `c${i}` }));
      if (i % 4 !== 0) h.run({ type: 'CancelOrder', accountId: 't1', orderId: id });
    }
    const a = h.state.accounts[h.state.accountIx.get('t1') as number];
    expect(h.state.orders.size).toBe(50);
    expect(a?.clientIds.size).toBe(60);
    const snap = h.engine.snapshot(h.state).accounts.find((x) => x.id === 't1');
    expect([snap?.clientIds.length, snap?.clientIdsEnded.length]).toEqual([50, 10]);
  });

  it("another account's order id is not found, and nothing changes", () => {
    const h = venue();
    const id = Harness.accepted(h.limit('t1', 'buy', 9_000, 1));
    const hash = h.engine.stateHash(h.state);
    expect(only(h.run({ type: 'CancelOrder', accountId: 't2', orderId: id }), 'OrderCancelRejected')[0]?.code).toBe(
      'ORDER_NOT_FOUND',
    );
    expect(h.engine.stateHash(h.state)).toBe(hash);
  });

  it('cancel-all by account and by instrument', () => {
    const h = venue();
    h.limit('t1', 'buy', 9_000, 1);
    h.limit('t2', 'buy', 9_000, 1);
    h.place('t2', { symbol: 'ABC-USD', side: 'buy', orderType: 'limit', priceTicks: 10_000, qtyLots: 100 });
    expect(only(h.run({ type: 'CancelAll', accountId: 't2' }), 'OrderCancelled')).toHaveLength(2);
    expect(only(h.run({ type: 'CancelAll', symbol: 'XYZ' }), 'OrderCancelled')).toHaveLength(1);
    expect(h.state.orders.size).toBe(0);
  });
});
