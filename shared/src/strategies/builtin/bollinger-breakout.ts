import { z } from 'zod';
import type { StrategyDefinition } from '../types';

const params = z
  .object({
    period: z.number().int().min(2).max(1_000).default(20).describe('Band period (bars)'),
    multiplier: z.number().gt(0).max(10).default(2).describe('Band width in standard deviations'),
    qtyLots: z.number().int().min(1).max(1_000_000_000).default(100).describe('Order size (lots)'),
  })
  .strict();

/**
 * Bollinger breakout, long only: buy when flat and the close ends above the upper band (the band
 * of the closes up to and including this bar), sell all when the close falls below the middle.
 */
export const bollingerBreakout: StrategyDefinition<typeof params> = {
  id: 'bollinger-breakout',
  name: 'Bollinger breakout',
  description: 'Enters on a close above the upper band, exits on a close below the middle band.',
  params,
  create(p, ctx) {
    const bands = ctx.indicators.bollinger(p.period, p.multiplier);
    return {
      onBar(bar) {
        // `next` returns the middle band (NaN while warming up); the upper band is a getter.
        const middle = bands.next(bar.closeTicks);
        if (Number.isNaN(middle)) return;
        const held = ctx.position(bar.symbol).qtyLots;
        if (held === 0 && bar.closeTicks > bands.upper) ctx.marketBuy(bar.symbol, p.qtyLots);
        else if (held > 0 && bar.closeTicks < middle) ctx.marketSell(bar.symbol, held);
      },
    };
  },
};
