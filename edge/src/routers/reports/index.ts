import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { protectedProcedure, router } from '../../trpc';
import {
  checkPeriod,
  fillCursor,
  parseCursor,
  periodInput,
  scopeInput,
  TRADES_PAGE_SIZE_DEFAULT,
  TRADES_PAGE_SIZE_MAX,
  tradeFilterInput,
} from './inputs';
import { loadPerformance, loadTransactions, resolveScope, type Scope, type ScopeInput } from './report-data';

/** The caller's scope, or NOT_FOUND (someone else's account or deployment, or a deployment outside the accounts). */
async function scopeOf(ctx: Parameters<typeof resolveScope>[0], input: ScopeInput): Promise<Scope> {
  return (await resolveScope(ctx, input)) ?? fail('NOT_FOUND');
}

/**
 * Reports of one of the caller's accounts, a sub-account, a family (an account with its
 * sub-accounts) or one live strategy deployment. Another user's ids are NOT_FOUND. CSV and the
 * printable HTML are plain GET routes (reports/http.ts): tRPC is not for file downloads.
 */
export const reportsRouter = router({
  /** What can be reported on: the caller's accounts (parent first, sub-accounts naming their parent) and deployments. */
  scopes: protectedProcedure.query(async ({ ctx }) => {
    const scopes = ownedBy(ctx.db, ctx.auth.userId).reportScopes();
    const [accounts, deployments] = await Promise.all([scopes.accounts(), scopes.deployments()]);
    return {
      accounts: accounts.map((a) => ({ id: a.id, name: a.name, currency: a.currency, parentId: a.parentId })),
      deployments,
    };
  }),
  /** Metrics of the live equity curve, the equity and drawdown series, monthly returns and round-trip statistics. */
  performance: protectedProcedure.input(periodInput).query(async ({ ctx, input }) => {
    checkPeriod(input.fromMs, input.toMs);
    const scope = await scopeOf({ db: ctx.db, userId: ctx.auth.userId }, input);
    return loadPerformance({ db: ctx.db, userId: ctx.auth.userId }, scope, input.fromMs, input.toMs);
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
      const { accountId, family, deploymentId, cursor, limit, ...filter } = input;
      const scope = await scopeOf({ db: ctx.db, userId: ctx.auth.userId }, { accountId, family, deploymentId });
      const reports = ownedBy(ctx.db, ctx.auth.userId).reports(scope.accountIds);
      const rows = await reports.trades({ ...filter, deploymentId }, limit + 1, parseCursor(cursor));
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? `${last.tradeId}:${last.orderId}` : null };
    }),
  /** Deposits, transfers and fills with fees and running balance, reconciled against the accounts' balances. */
  transactions: protectedProcedure.input(scopeInput.omit({ deploymentId: true })).query(async ({ ctx, input }) => {
    const caller = { db: ctx.db, userId: ctx.auth.userId };
    return loadTransactions(caller, await scopeOf(caller, input));
  }),
});
