import { z } from 'zod';
import type { StrategyDefinition } from '../types';

const params = z
  .object({
    spreadBps: z.number().int().min(1).max(5_000).default(20).describe('Quoted spread around the last close (bps)'),
    qtyLots: z.number().int().min(1).max(1_000_000_000).default(100).describe('Lots per quote'),
    maxPositionLots: z
      .number()
      .int()
      .min(1)
      .max(1_000_000_000)
      .default(1_000)
      .describe('Stop bidding at this long position'),
  })
  .strict();

/**
 * A simple market maker on a cash account: after each bar it quotes a post-only bid at
 * close·(1 − spread/2) (rounded down) while the position is below `maxPositionLots`, and a
 * post-only ask at close·(1 + spread/2) (rounded up) for up to `qtyLots` of what it holds. A live
 * quote is moved with a modify (it keeps its client id); a missing one is placed anew.
 */
export const marketMaker: StrategyDefinition<typeof params> = {
  id: 'market-maker',
  name: 'Market maker',
  description: 'Quotes both sides around the last close with a fixed spread and an inventory cap.',
  params,
  create(p, ctx) {
    let bidId = '';
    let askId = '';
    const quote = (id: string, symbol: string, side: 'buy' | 'sell', qtyLots: number, priceTicks: number): string => {
      if (id !== '' && ctx.modifyOrder(id, { priceTicks })) return id;
      return ctx.placeOrder({ symbol, side, orderType: 'limit', qtyLots, priceTicks, postOnly: true });
    };
    return {
      onBar(bar) {
        const held = ctx.position(bar.symbol).qtyLots;
        const bidTicks = Math.floor((bar.closeTicks * (20_000 - p.spreadBps)) / 20_000);
        const askTicks = Math.ceil((bar.closeTicks * (20_000 + p.spreadBps)) / 20_000);
        if (held + p.qtyLots <= p.maxPositionLots) bidId = quote(bidId, bar.symbol, 'buy', p.qtyLots, bidTicks);
        else if (bidId !== '' && ctx.cancelOrder(bidId)) bidId = '';
        const askQty = Math.min(p.qtyLots, held);
        if (askQty > 0) askId = quote(askId, bar.symbol, 'sell', askQty, askTicks);
      },
      onFill(fill) {
        if (!fill.orderDone) return;
        if (fill.clientOrderId === bidId) bidId = '';
        if (fill.clientOrderId === askId) askId = '';
      },
      onOrderClosed(order) {
        if (order.clientOrderId === bidId) bidId = '';
        if (order.clientOrderId === askId) askId = '';
      },
    };
  },
};
