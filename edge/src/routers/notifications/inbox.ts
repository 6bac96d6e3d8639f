import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { INBOX_PAGE_MAX } from '../../notifications/index';
import { protectedProcedure } from '../../trpc';

/** Ids marked read per call. */
export const MARK_READ_IDS_MAX = 100;

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const inbox = protectedProcedure
  .input(z.object({ cursor: id.optional(), limit: z.number().int().min(1).max(INBOX_PAGE_MAX).default(30) }).strict())
  .query(({ ctx, input }) =>
    ownedBy(ctx.db, ctx.auth.userId)
      .notifications()
      .inbox(input.limit, input.cursor ?? null),
  );

/**
 * The badge. The PWA polls it (and re-reads it when the service worker reports a push): a
 * query per minute per open tab costs less than an open stream per tab on a stateless edge.
 */
export const unreadCount = protectedProcedure.query(async ({ ctx }) => ({
  count: await ownedBy(ctx.db, ctx.auth.userId).notifications().unreadCount(),
}));

export const markRead = protectedProcedure
  .input(
    z.union([
      z.object({ ids: z.array(id).min(1).max(MARK_READ_IDS_MAX) }).strict(),
      z.object({ all: z.literal(true) }).strict(),
    ]),
  )
  .mutation(async ({ ctx, input }) => {
    const ids = 'all' in input ? ('all' as const) : input.ids;
    return { updated: await ownedBy(ctx.db, ctx.auth.userId).notifications().markRead(ids, ctx.clock.nowMs()) };
  });

/** Deliveries that failed for good (after DELIVERY_ATTEMPTS_MAX tries, or refused by the receiver). */
export const deadLetters = protectedProcedure.query(({ ctx }) =>
  ownedBy(ctx.db, ctx.auth.userId).notifications().deadLetters(),
);
