import { parseStep } from '@tradewind/shared';
import { ALERT_CONDITIONS, ALERT_NOTE_LENGTH_MAX, parseAlertPrice } from '@tradewind/shared/alerts';
import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { protectedProcedure, router } from '../../trpc';
import { lastPriceTicks } from './last-price';

const createInput = z
  .object({
    symbol: z.string().min(1).max(32),
    condition: z.enum(ALERT_CONDITIONS),
    /** A decimal string on the instrument's tick grid. */
    price: z.string().min(1).max(40),
    note: z.string().max(ALERT_NOTE_LENGTH_MAX).default(''),
  })
  .strict();

/** Price alerts: "symbol crosses / goes above / goes below a price". Core evaluates them on every trade. */
export const alertsRouter = router({
  create: protectedProcedure.input(createInput).mutation(async ({ ctx, input }) => {
    const instrument = (await ctx.instruments.get().value).find((i) => i.symbol === input.symbol);
    if (instrument === undefined || instrument.status === 'delisted') fail('ALERT_SYMBOL_UNKNOWN');
    const last = await lastPriceTicks(ctx.db, input.symbol);
    const ticks = parseAlertPrice({ tick: parseStep(instrument.tickSize) }, input.price, input.condition, last);
    if (!ticks.ok) fail(ticks.code, ticks.message);
    const created = await ownedBy(ctx.db, ctx.auth.userId)
      .alerts()
      .create({
        symbol: input.symbol,
        condition: input.condition,
        price: input.price,
        thresholdTicks: ticks.value,
        referenceTicks: last ?? ticks.value,
        note: input.note,
      });
    if (created === 'LIMIT') fail('ALERTS_LIMIT_REACHED');
    return created;
  }),
  /** The caller's alerts, newest first (active and triggered). */
  list: protectedProcedure.query(({ ctx }) => ownedBy(ctx.db, ctx.auth.userId).alerts().list()),
  /** Deletes one of the caller's alerts; someone else's id is NOT_FOUND (no existence oracle). */
  delete: protectedProcedure.input(z.object({ id: z.uuid() }).strict()).mutation(async ({ ctx, input }) => {
    if (!(await ownedBy(ctx.db, ctx.auth.userId).alerts().delete(input.id))) fail('ALERT_NOT_FOUND');
    return { deleted: input.id };
  }),
});
