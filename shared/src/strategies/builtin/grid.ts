import { z } from 'zod';
import type { StrategyDefinition } from '../types';

const params = z
  .object({
    stepBps: z
      .number()
      .int()
      .min(1)
      .max(5_000)
      .default(100)
      .describe('Grid spacing in basis points of the start price'),
    levels: z.number().int().min(1).max(100).default(5).describe('Buy levels below the start price'),
    qtyLots: z.number().int().min(1).max(1_000_000_000).default(100).describe('Lots per level'),
  })
  .strict()
  .refine((p) => p.stepBps * p.levels < 10_000, { message: 'the lowest level must stay above zero', path: ['levels'] });

/**
 * Grid trading, long only. On the first bar the close is the centre c; a limit buy rests at each
 * level c·(1 − k·step), k = 1…levels (rounded down to a tick). Each buy fill places a limit sell
 * one step above its price (rounded up); each sell fill places a limit buy one step below
 * (rounded down) — so every level buys low and sells one step higher, again and again.
 */
export const grid: StrategyDefinition<typeof params> = {
  id: 'grid',
  name: 'Grid trading',
  description: 'Resting buys on a grid below the start price; each filled buy is sold one step higher.',
  params,
  create(p, ctx) {
    let started = false;
    const below = (ticks: number) => Math.floor((ticks * (10_000 - p.stepBps)) / 10_000);
    const above = (ticks: number) => Math.ceil((ticks * (10_000 + p.stepBps)) / 10_000);
    return {
      onBar(bar) {
        if (started) return;
        started = true;
        for (let k = 1; k <= p.levels; k++) {
          const price = Math.floor((bar.closeTicks * (10_000 - k * p.stepBps)) / 10_000);
          ctx.limitBuy(bar.symbol, p.qtyLots, price);
        }
      },
      onFill(fill) {
        if (fill.side === 'buy') ctx.limitSell(fill.symbol, fill.qtyLots, above(fill.priceTicks));
        else ctx.limitBuy(fill.symbol, fill.qtyLots, below(fill.priceTicks));
      },
    };
  },
};
