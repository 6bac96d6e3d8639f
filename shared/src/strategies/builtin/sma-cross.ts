import { z } from 'zod';
import type { Bar } from '../../market-data/index';
import type { StrategyDefinition } from '../types';

const params = z
  .object({
    fast: z.number().int().min(1).max(1_000).default(10).describe('Fast SMA period (bars)'),
    slow: z.number().int().min(2).max(5_000).default(30).describe('Slow SMA period (bars)'),
    qtyLots: z.number().int().min(1).max(1_000_000_000).default(100).describe('Order size (lots)'),
  })
  .strict()
  .refine((p) => p.fast < p.slow, { message: 'fast must be below slow', path: ['fast'] });

/**
 * SMA crossover, long only: buy `qtyLots` at market when the fast SMA of closes crosses above the
 * slow one, sell the whole position when it crosses below. A cross needs both SMAs on the
 * previous bar too (no signal on the first bar both are ready).
 */
export const smaCross: StrategyDefinition<typeof params> = {
  id: 'sma-cross',
  name: 'SMA crossover',
  description: 'Long when the fast SMA crosses above the slow SMA, flat when it crosses below.',
  params,
  create(p, ctx) {
    const fast = ctx.indicators.sma(p.fast);
    const slow = ctx.indicators.sma(p.slow);
    // A double field of an object, not a `let`: a double written to a closure variable is a new
    // heap number on every bar, a double field is updated in place.
    const last = { diff: Number.NaN };
    return {
      onBar(bar: Bar) {
        // `next`: NaN while warming up, a plain double (nothing allocated per bar).
        const f = fast.next(bar.closeTicks);
        const s = slow.next(bar.closeTicks);
        if (Number.isNaN(f) || Number.isNaN(s)) return;
        const diff = f - s;
        const before = last.diff;
        if (before <= 0 && diff > 0 && ctx.position(bar.symbol).qtyLots === 0) ctx.marketBuy(bar.symbol, p.qtyLots);
        else if (before >= 0 && diff < 0) {
          const held = ctx.position(bar.symbol).qtyLots;
          if (held > 0) ctx.marketSell(bar.symbol, held);
        }
        last.diff = diff;
      },
    };
  },
};
