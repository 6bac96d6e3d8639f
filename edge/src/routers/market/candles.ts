import { z } from 'zod';
import { fail } from '../../errors';
import { INTERVAL_MS, isBarInterval } from '../../market-data/index';
import { publicProcedure } from '../../trpc';
import { gridOf } from './grid';

/** Bars one request may ask for; a chart pages through longer history. */
export const CANDLES_BARS_MAX = 5_000;
/** Times are epoch ms; later than this (year 2100) is a typo. */
export const TIME_MS_MAX = 4_102_444_800_000;

export const candlesInput = z.object({
  symbol: z.string().min(1).max(32),
  interval: z.string().min(1).max(8),
  /** Bars with open time in [from, to), epoch ms. */
  from: z.number().int().min(0).max(TIME_MS_MAX),
  to: z.number().int().min(0).max(TIME_MS_MAX),
  /** `best` (default: recorded, then csv, then exchanges), or one of `recorded`, `csv`, `ccxt:<id>`. */
  source: z.string().min(1).max(40).optional(),
});

/**
 * OHLCV bars in the instrument's integers. `barsJson` is the JSON text of an array of
 * `[openTimeMs, open, high, low, close, volumeLots, tradeCount]` (prices in ticks of
 * `tickSize`, volume in lots of `lotSize`): text, because cached answers are serialised
 * once per cache chunk instead of once per request (`JSON.parse(barsJson)` on the client).
 * `partial` marks an answer a source fell short on, with the reason.
 */
export const candles = publicProcedure.input(candlesInput).query(async ({ ctx, input }) => {
  const { value } = ctx.instruments.get();
  const grid = await gridOf(value, input.symbol);
  if (!isBarInterval(input.interval)) return fail('MARKET_UNKNOWN_INTERVAL');
  const source = input.source ?? 'best';
  if (!ctx.marketData.knowsSource(source))
    return fail('MARKET_UNKNOWN_SOURCE', `Unknown data source ${JSON.stringify(source)}.`);
  if (input.to <= input.from) return fail('MARKET_RANGE_REVERSED');
  const bars = Math.ceil((input.to - input.from) / INTERVAL_MS[input.interval]);
  if (bars > CANDLES_BARS_MAX) {
    return fail(
      'MARKET_RANGE_TOO_LARGE',
      `Range too large: ${bars} bars asked, at most ${CANDLES_BARS_MAX} per request.`,
    );
  }
  const answer = await ctx.marketData.candlesJson(grid, input.interval, source, input.from, input.to);
  return {
    symbol: grid.symbol,
    interval: input.interval,
    source,
    tickSize: grid.tick.text,
    lotSize: grid.lot.text,
    from: input.from,
    to: input.to,
    ...answer,
  };
});
