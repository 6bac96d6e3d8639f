import { z } from 'zod';
import { fail } from '../../errors';
import { decodeCursor } from '../../market-data/index';
import { publicProcedure } from '../../trpc';
import { TIME_MS_MAX } from './candles';
import { gridOf } from './grid';

/** Trades per page. */
export const TRADES_PAGE_MAX = 1_000;
/** The widest time range of one trades query (one day); page within it with the cursor. */
export const TRADES_RANGE_MS_MAX = 86_400_000;

export const tradesInput = z.object({
  symbol: z.string().min(1).max(32),
  from: z.number().int().min(0).max(TIME_MS_MAX),
  to: z.number().int().min(0).max(TIME_MS_MAX),
  limit: z.number().int().min(1).max(TRADES_PAGE_MAX).default(500),
  cursor: z.string().max(64).optional(),
});

/** Recorded trades `[timeMs, seq, priceTicks, qtyLots, aggressor]` in [from, to), oldest first. */
export const trades = publicProcedure.input(tradesInput).query(async ({ ctx, input }) => {
  const { value } = ctx.instruments.get();
  const grid = await gridOf(value, input.symbol);
  if (input.to <= input.from) return fail('MARKET_RANGE_REVERSED');
  if (input.to - input.from > TRADES_RANGE_MS_MAX) {
    return fail('MARKET_RANGE_TOO_LARGE', `Range too large: at most ${TRADES_RANGE_MS_MAX} ms per trades query.`);
  }
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  if (after === null && input.cursor !== undefined) return fail('MARKET_BAD_CURSOR');
  const page = await ctx.marketData.trades({
    symbol: grid.symbol,
    fromMs: input.from,
    toMs: input.to,
    limit: input.limit,
    after,
  });
  return { symbol: grid.symbol, tickSize: grid.tick.text, lotSize: grid.lot.text, ...page };
});
