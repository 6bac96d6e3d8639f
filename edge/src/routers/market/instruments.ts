import { publicProcedure } from '../../trpc';

/** How long edge keeps the instrument list in memory; halts reach clients within this time. */
export const INSTRUMENTS_CACHE_TTL_MS = 5_000;

/** The tradable instruments with their grids (public market data: no sign-in needed). */
export const instruments = publicProcedure.query(async ({ ctx }) => {
  const { value, hit } = ctx.instruments.get();
  ctx.metrics.cacheLookups.inc({ cache: 'instruments', result: hit ? 'hit' : 'miss' });
  return value;
});
