import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../engine/index';
import { MarketDataDeriver } from './market-data-deriver';
import { emptyBatch } from './types';

const trade = (
  tradeId: number,
  symbol: string,
  priceTicks: number,
  qtyLots: number,
  aggressor: 'buy' | 'sell',
): EngineEvent => ({
  type: 'TradeExecuted',
  tradeId,
  symbol,
  priceTicks,
  qtyLots,
  buyOrderId: 1,
  sellOrderId: 2,
  buyAccountId: 'a',
  sellAccountId: 'b',
  aggressor,
});

describe('market data deriver', () => {
  it('prints each trade with its aggressor, a per-symbol seq and the command time; other events and symbols are ignored', () => {
    const d = new MarketDataDeriver(['X', 'Y']);
    const out = emptyBatch();
    const accepted = { type: 'LimitsChanged', accountId: 'a' } as const;
    d.onEvents(
      1_000,
      [trade(7, 'X', 100, 2, 'buy'), accepted, trade(8, 'Y', 50, 1, 'sell'), trade(9, 'Z', 1, 1, 'buy')],
      out,
    );
    d.onEvents(1_500, [trade(10, 'X', 101, 3, 'sell')], out);
    expect(out.trades).toEqual([
      { symbol: 'X', seq: 1, tradeId: 7, tsMs: 1_000, priceTicks: 100, qtyLots: 2, aggressor: 'buy' },
      { symbol: 'Y', seq: 1, tradeId: 8, tsMs: 1_000, priceTicks: 50, qtyLots: 1, aggressor: 'sell' },
      { symbol: 'X', seq: 2, tradeId: 10, tsMs: 1_500, priceTicks: 101, qtyLots: 3, aggressor: 'sell' },
    ]);
    // The 1s bar of X closes when a sync passes its end.
    d.sync(2_000, () => undefined, out);
    expect(
      out.bars.filter((b) => b.interval === '1s').map((b) => [b.symbol, b.openTimeMs, b.volumeLots, b.partial]),
    ).toEqual([
      ['X', 1_000, 5, undefined],
      ['Y', 1_000, 1, undefined],
    ]);
    expect(d.currentBars('X').map((b) => b.interval)).toEqual(['1m', '5m', '15m', '1h', '1d']);
  });

  it('emits a quote only when the touch changes', () => {
    const d = new MarketDataDeriver(['X']);
    const levels = (bid: number, ask: number) => ({
      seq: bid * 1_000 + ask,
      depth: () => ({
        seq: 0,
        bids: [{ priceTicks: bid, totalLots: 5, orderCount: 1 }],
        asks: [{ priceTicks: ask, totalLots: 4, orderCount: 1 }],
      }),
    });
    const out = emptyBatch();
    d.sync(1, () => levels(99, 101), out);
    d.sync(2, () => levels(99, 101), out);
    d.sync(3, () => levels(100, 101), out);
    expect(out.quotes).toEqual([
      { symbol: 'X', tsMs: 1, bidTicks: 99, bidLots: 5, askTicks: 101, askLots: 4 },
      { symbol: 'X', tsMs: 3, bidTicks: 100, bidLots: 5, askTicks: 101, askLots: 4 },
    ]);
    expect(out.depth.map((x) => x.seq)).toEqual([1, 2]);
  });
});
