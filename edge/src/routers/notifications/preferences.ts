import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { CHANNELS, isTimeZone, matrixSchema, NOTIFICATION_KINDS } from '../../notifications/index';
import { protectedProcedure, router } from '../../trpc';

const minuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(24 * 60 - 1);

export const preferencesInput = z
  .object({
    matrix: matrixSchema,
    quietHours: z.object({ startMin: minuteOfDay, endMin: minuteOfDay }).strict().nullable(),
    timeZone: z.string().min(1).max(64),
  })
  .strict();

export const preferencesRouter = router({
  /** The event kind × channel matrix (the inbox gets everything), quiet hours and the user's time zone. */
  get: protectedProcedure.query(async ({ ctx }) => {
    const s = await ownedBy(ctx.db, ctx.auth.userId).notifications().settings();
    const quietHours = s.quiet ? { startMin: s.quiet.startMin, endMin: s.quiet.endMin } : null;
    return { kinds: NOTIFICATION_KINDS, channels: CHANNELS, matrix: s.matrix, quietHours, timeZone: s.timeZone };
  }),
  set: protectedProcedure.input(preferencesInput).mutation(async ({ ctx, input }) => {
    if (!isTimeZone(input.timeZone)) fail('NOTIFY_BAD_TIME_ZONE');
    const owned = ownedBy(ctx.db, ctx.auth.userId).notifications();
    const current = await owned.settings();
    const matrix = { ...current.matrix, ...input.matrix };
    const quiet = input.quietHours ? { ...input.quietHours, timeZone: input.timeZone } : null;
    await owned.saveSettings({ ...current, matrix, quiet, timeZone: input.timeZone }, ctx.clock.nowMs());
    return { ok: true as const };
  }),
});
