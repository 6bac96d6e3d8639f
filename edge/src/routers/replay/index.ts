import { replayControlSchema, replayStartSchema } from '@tradewind/shared/protocol';
import { z } from 'zod';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import { recordedDays } from './days';
import { forwardReplay, viewOf } from './forward';

/**
 * Replays of recorded market data: a session runs in core (its own topics `<SYM>@<id>`, see
 * core-server/README.md); edge validates with the shared schemas, authenticates, and forwards
 * to core's internal API with the user's id. Core checks the owner on every control.
 */
export const replayRouter = router({
  start: protectedProcedure.input(replayStartSchema).mutation(async ({ ctx, input }) => {
    return viewOf((await forwardReplay(ctx.core, ctx.auth.userId, 'start', input)).replay);
  }),
  control: protectedProcedure.input(replayControlSchema).mutation(async ({ ctx, input }) => {
    return viewOf((await forwardReplay(ctx.core, ctx.auth.userId, 'control', input)).replay);
  }),
  list: protectedProcedure.query(async ({ ctx }) => {
    const answer = await forwardReplay(ctx.core, ctx.auth.userId, 'list', {});
    return Array.isArray(answer.replays) ? answer.replays.map(viewOf) : [];
  }),
  /** The most recent UTC days with recorded data for a symbol (newest first); public market data. */
  days: publicProcedure
    .input(z.object({ symbol: z.string().min(1).max(25) }).strict())
    .query(({ ctx, input }) => recordedDays(ctx.marketData.sql, input.symbol)),
});
