import { z } from 'zod';
import type { StrategyDefinition } from '../types';

const params = z
  .object({
    period: z.number().int().min(2).max(1_000).default(14).describe('RSI period (bars)'),
    oversold: z.number().min(0).max(100).default(30).describe('Buy below this RSI'),
    overbought: z.number().min(0).max(100).default(70).describe('Sell above this RSI'),
    qtyLots: z.number().int().min(1).max(1_000_000_000).default(100).describe('Order size (lots)'),
  })
  .strict()
  .refine((p) => p.oversold < p.overbought, { message: 'oversold must be below overbought', path: ['oversold'] });

/** RSI mean reversion, long only: buy when flat and RSI < oversold, sell all when RSI > overbought. */
export const rsiReversion: StrategyDefinition<typeof params> = {
  id: 'rsi-reversion',
  name: 'RSI mean reversion',
  description: 'Buys oversold (RSI below the lower bound), sells overbought (RSI above the upper bound).',
  params,
  create(p, ctx) {
    const rsi = ctx.indicators.rsi(p.period);
    return {
      onBar(bar) {
        const r = rsi.next(bar.closeTicks); // NaN while warming up
        if (Number.isNaN(r)) return;
        const held = ctx.position(bar.symbol).qtyLots;
        if (held === 0 && r < p.oversold) ctx.marketBuy(bar.symbol, p.qtyLots);
        else if (held > 0 && r > p.overbought) ctx.marketSell(bar.symbol, held);
      },
    };
  },
};
