import { z } from 'zod';
import type { EdgeServices } from '../../context';
import { fail } from '../../errors';
import {
  type BarInterval,
  INTERVAL_MS,
  type InstrumentGrid,
  isBarInterval,
  type StoreSource,
} from '../../market-data/index';
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

export type CandlesRequest = {
  readonly grid: InstrumentGrid;
  readonly interval: BarInterval;
  readonly source: StoreSource;
  readonly from: number;
  readonly to: number;
};

/** Validates a candles query (the procedure and the HTTP route share it); throws EdgeError with a reason. */
export async function candlesRequest(s: EdgeServices, input: z.infer<typeof candlesInput>): Promise<CandlesRequest> {
  const grid = await gridOf(s.instruments.get().value, input.symbol);
  if (!isBarInterval(input.interval)) return fail('MARKET_UNKNOWN_INTERVAL');
  const source = input.source ?? 'best';
  if (!s.marketData.knowsSource(source))
    return fail('MARKET_UNKNOWN_SOURCE', `Unknown data source ${JSON.stringify(source)}.`);
  if (input.to <= input.from) return fail('MARKET_RANGE_REVERSED');
  const bars = Math.ceil((input.to - input.from) / INTERVAL_MS[input.interval]);
  if (bars > CANDLES_BARS_MAX) {
    return fail(
      'MARKET_RANGE_TOO_LARGE',
      `Range too large: ${bars} bars asked, at most ${CANDLES_BARS_MAX} per request.`,
    );
  }
  return { grid, interval: input.interval, source, from: input.from, to: input.to };
}

/** The fields of an answer around its bars (shared by the procedure and the HTTP route). */
export function candlesHead(r: CandlesRequest) {
  return {
    symbol: r.grid.symbol,
    interval: r.interval,
    source: r.source,
    tickSize: r.grid.tick.text,
    lotSize: r.grid.lot.text,
    from: r.from,
    to: r.to,
  };
}

/**
 * OHLCV bars in the instrument's integers. `barsJson` is the JSON text of an array of
 * `[openTimeMs, open, high, low, close, volumeLots, tradeCount]` (prices in ticks of
 * `tickSize`, volume in lots of `lotSize`): text, because cached answers are serialised
 * once per cache chunk instead of once per request (`JSON.parse(barsJson)` on the client).
 * `partial` marks an answer a source fell short on, with the reason. Charts use the plain
 * HTTP route (`GET /md/v1/candles`, market-data/http/candles-route.ts): same data, no tRPC.
 */
export const candles = publicProcedure.input(candlesInput).query(async ({ ctx, input }) => {
  const r = await candlesRequest(ctx, input);
  const answer = await ctx.marketData.candlesJson(r.grid, r.interval, r.source, r.from, r.to);
  return { ...candlesHead(r), ...answer };
});
