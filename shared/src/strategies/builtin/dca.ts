import { z } from 'zod';
import type { StrategyDefinition } from '../types';

const params = z
  .object({
    intervalMs: z
      .number()
      .int()
      .min(1_000)
      .max(366 * 86_400_000)
      .default(86_400_000)
      .describe('Time between buys (ms)'),
    qtyLots: z.number().int().min(1).max(1_000_000_000).default(100).describe('Lots per buy'),
  })
  .strict();

/**
 * Dollar-cost averaging: a market buy of `qtyLots` of every symbol seen so far on the first bar,
 * then every `intervalMs` by a timer (the buys reach the venue at the next fill point).
 */
export const dca: StrategyDefinition<typeof params> = {
  id: 'dca',
  name: 'Dollar-cost averaging',
  description: 'Buys a fixed quantity at a fixed interval, whatever the price.',
  params,
  create(p, ctx) {
    const symbols: string[] = [];
    return {
      onBar(bar) {
        if (symbols.includes(bar.symbol)) return;
        symbols.push(bar.symbol);
        ctx.marketBuy(bar.symbol, p.qtyLots);
        if (symbols.length === 1) ctx.setTimer('dca', ctx.now() + p.intervalMs);
      },
      onTimer() {
        for (const s of symbols) ctx.marketBuy(s, p.qtyLots);
        ctx.setTimer('dca', ctx.now() + p.intervalMs);
      },
    };
  },
};
