import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { protectedProcedure, router } from '../../trpc';
import {
  checkPeriod,
  fillCursor,
  parseCursor,
  periodInput,
  TRADES_PAGE_SIZE_DEFAULT,
  TRADES_PAGE_SIZE_MAX,
  tradeFilterInput,
} from './inputs';
import { loadPerformance, loadTransactions } from './report-data';

/**
 * Reports of one of the caller's accounts. Another user's account id is NOT_FOUND. CSV and
 * the printable HTML are plain GET routes (reports/http.ts): tRPC is not for file downloads.
 */
export const reportsRouter = router({
  /** Metrics of the live equity curve, the equity and drawdown series and monthly returns. */
  performance: protectedProcedure.input(periodInput).query(async ({ ctx, input }) => {
    checkPeriod(input.fromMs, input.toMs);
    const view = await loadPerformance(
      { db: ctx.db, userId: ctx.auth.userId },
      input.accountId,
      input.fromMs,
      input.toMs,
    );
    return view ?? fail('NOT_FOUND');
  }),
  /** Trade history (fills) with filters, newest first; `nextCursor` fetches the next page, null at the end. */
  trades: protectedProcedure
    .input(
      tradeFilterInput.extend({
        cursor: fillCursor.optional(),
        limit: z.number().int().min(1).max(TRADES_PAGE_SIZE_MAX).default(TRADES_PAGE_SIZE_DEFAULT),
      }),
    )
    .query(async ({ ctx, input }) => {
      const owner = ownedBy(ctx.db, ctx.auth.userId);
      if ((await owner.account(input.accountId)) === undefined) fail('NOT_FOUND');
      const { accountId, cursor, limit, ...filter } = input;
      const rows = await owner.reports(accountId).trades(filter, limit + 1, parseCursor(cursor));
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? `${last.tradeId}:${last.orderId}` : null };
    }),
  /** Deposits and fills with fees and running balance, reconciled against the account's balance. */
  transactions: protectedProcedure
    .input(z.object({ accountId: periodInput.shape.accountId }).strict())
    .query(async ({ ctx, input }) => {
      const report = await loadTransactions({ db: ctx.db, userId: ctx.auth.userId }, input.accountId);
      return report ?? fail('NOT_FOUND');
    }),
});
