import { describe, expect, it } from 'vitest';
import { INSTRUMENTS } from '../domain/index';
import { PracticeVenue } from './practice';

const btc = INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (btc === undefined) throw new Error('BTC-USD in the catalog');
const T0 = 1_780_000_000_000;
const CASH = 10_000_000n; // 100,000.00 USD in cents

/** BTC-USD: tick 0.01 USD, lot 0.0001 BTC, so value in cents = ticks × lots ÷ 10,000. */
describe('PracticeVenue', () => {
  it('fills a market buy at the next replayed trade and marks the position at later trades', () => {
    const v = new PracticeVenue(btc, CASH, T0);
    v.trade(9_650_000, T0 + 1_000); // 96,500.00
    const id = v.place({ side: 'buy', orderType: 'market', qtyLots: 100 }, T0 + 1_500); // 0.01 BTC
    expect(v.waiting).toBe(true);
    expect(v.fills).toHaveLength(0);
    v.trade(9_651_000, T0 + 2_000); // 96,510.00
    expect(v.waiting).toBe(false);
    expect(v.fills).toHaveLength(1);
    expect(v.fills[0]).toMatchObject({ clientOrderId: id, side: 'buy', priceTicks: 9_651_000, qtyLots: 100 });
    // 0.01 × 96,510.00 = 965.10 USD; the engine's taker fee, 5 bps, is 0.48255 → 0.49 (rounded up).
    expect(v.fills[0]?.feeMinor).toBe(49n);
    expect(v.cashMinor).toBe(CASH - 96_510n - 49n);
    v.trade(9_661_000, T0 + 3_000); // 96,610.00: +1.00 USD on 0.01 BTC
    const p = v.position();
    expect(p).toMatchObject({ qtyLots: 100, costMinor: 96_510n, realisedPnlMinor: 0n, lastTicks: 9_661_000 });
    expect(p.unrealisedPnlMinor).toBe(100n);
    expect(v.equityMinor).toBe(CASH - 49n + 100n);
  });

  it('rests a limit sell above the market and fills it at its limit when a trade touches it', () => {
    const v = new PracticeVenue(btc, CASH, T0);
    v.place({ side: 'buy', orderType: 'market', qtyLots: 200 }, T0);
    v.trade(9_650_000, T0 + 1_000);
    v.place({ side: 'sell', orderType: 'limit', priceTicks: 9_700_000, qtyLots: 200, tif: 'GTC' }, T0 + 1_000);
    v.trade(9_660_000, T0 + 2_000);
    expect(v.openOrders).toHaveLength(1);
    expect(v.fills).toHaveLength(1);
    v.trade(9_705_000, T0 + 3_000); // through the limit: fills at 97,000.00, not 97,050.00
    expect(v.openOrders).toHaveLength(0);
    expect(v.fills[1]).toMatchObject({ side: 'sell', priceTicks: 9_700_000, qtyLots: 200 });
    const p = v.position();
    // Bought 0.02 at 96,500.00 (1,930.00), sold at 97,000.00 (1,940.00): +10.00 USD realised;
    // fees apart: taker 5 bps of 1,930.00 = 0.965 → 0.97, maker 2 bps of 1,940.00 = 0.388 → 0.39.
    expect(v.fills.map((f) => [f.feeMinor, f.liquidity])).toEqual([
      [97n, 'taker'],
      [39n, 'maker'],
    ]);
    expect(p).toMatchObject({ qtyLots: 0, costMinor: 0n, realisedPnlMinor: 1_000n, unrealisedPnlMinor: 0n });
    expect(v.cashMinor).toBe(CASH + 1_000n - 97n - 39n);
  });

  it('triggers a stop sell when a trade reaches it, and cancels an open limit', () => {
    const v = new PracticeVenue(btc, CASH, T0);
    v.place({ side: 'buy', orderType: 'market', qtyLots: 100 }, T0);
    v.trade(9_650_000, T0 + 1_000);
    v.place({ side: 'sell', orderType: 'stop_market', triggerPriceTicks: 9_600_000, qtyLots: 100 }, T0 + 1_000);
    v.place({ side: 'buy', orderType: 'limit', priceTicks: 9_000_000, qtyLots: 100, tif: 'GTC' }, T0 + 1_000);
    v.trade(9_640_000, T0 + 2_000);
    expect(v.openOrders).toHaveLength(2);
    const limit = v.openOrders.find((o) => o.orderType === 'limit');
    v.cancel(limit?.orderId ?? 0, T0 + 2_500);
    v.trade(9_590_000, T0 + 3_000); // below the trigger: the stop sells at this trade
    expect(v.openOrders).toHaveLength(0);
    expect(v.closed).toEqual([{ clientOrderId: limit?.clientOrderId, reason: expect.any(String) }]);
    expect(v.fills.at(-1)).toMatchObject({ side: 'sell', priceTicks: 9_590_000, qtyLots: 100 });
    expect(v.position().qtyLots).toBe(0);
  });

  it('rejects a buy the cash cannot pay for, and changes nothing', () => {
    const v = new PracticeVenue(btc, 100_000n, T0); // 1,000.00 USD
    v.place({ side: 'buy', orderType: 'market', qtyLots: 10_000 }, T0); // 1 BTC ≈ 96,500 USD
    v.trade(9_650_000, T0 + 1_000);
    expect(v.fills).toHaveLength(0);
    expect(v.closed).toHaveLength(1);
    expect(v.cashMinor).toBe(100_000n);
    expect(v.position().qtyLots).toBe(0);
  });

  it('ignores a trade with a price that is not a positive tick count', () => {
    const v = new PracticeVenue(btc, CASH, T0);
    v.place({ side: 'buy', orderType: 'market', qtyLots: 1 }, T0);
    v.trade(0, T0 + 1);
    v.trade(Number.NaN, T0 + 2);
    expect(v.fills).toHaveLength(0);
    expect(v.waiting).toBe(true);
  });
});
