import { ACCOUNT_LEVERAGE_MAX } from '@tradewind/db/schema';
import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { PAPER_ACCOUNT_CURRENCY, PAPER_STARTING_CASH_MINOR } from '../../identity/users';
import { protectedProcedure, router } from '../../trpc';

/** The name of a user's margin paper account (one per user: accounts are unique by user and name). */
export const MARGIN_ACCOUNT_NAME = 'Margin';

const openMarginInput = z.object({ leverage: z.number().int().min(2).max(ACCOUNT_LEVERAGE_MAX) }).strict();

/**
 * A user's trading accounts beyond the first paper (cash) account: a margin paper account with
 * the leverage they choose (2–10×). It starts with the same virtual cash; it can borrow and go
 * short, and margin calls and liquidations reach its owner live (core's engine rules).
 */
export const accountsRouter = router({
  list: protectedProcedure.query(({ ctx }) => ownedBy(ctx.db, ctx.auth.userId).accounts()),
  openMargin: protectedProcedure.input(openMarginInput).mutation(async ({ ctx, input }) => {
    const account = await ownedBy(ctx.db, ctx.auth.userId).openMarginAccount(
      input.leverage,
      {
        name: MARGIN_ACCOUNT_NAME,
        currency: PAPER_ACCOUNT_CURRENCY,
        cashMinor: PAPER_STARTING_CASH_MINOR,
      },
      ctx.clock.nowMs(),
    );
    if (account === undefined) fail('ACCOUNT_MARGIN_EXISTS');
    ctx.log.info({ userId: ctx.auth.userId, accountId: account.id, leverage: input.leverage }, 'margin account opened');
    return account;
  }),
});
