import { type Database, schema } from '@tradewind/db';
import { and, asc, desc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import { type FillCursor, toFillView } from './owned-trading';

const { accounts, fills, positions, balances, equitySamples } = schema;

/** Points of an equity curve a report reads at most: a longer period is downsampled to this many buckets. */
export const EQUITY_POINTS_MAX = 2_000;
/** Fills one transaction report or CSV export reads at most (it says when it stopped there). */
export const REPORT_FILLS_MAX = 50_000;

export type TradeFilter = {
  readonly symbol?: string;
  readonly side?: 'buy' | 'sell';
  readonly fromMs?: number;
  readonly toMs?: number;
};

/**
 * Report reads of one account of one user. Every query joins `accounts` on the owner
 * (RELIABILITY S4): someone else's account id reads nothing.
 */
export function ownedReports(db: Database, userId: string, accountId: string) {
  const owner = and(eq(accounts.userId, userId), eq(accounts.id, accountId));
  const fillsWhere = (f: TradeFilter, cursor?: FillCursor) =>
    and(
      owner,
      eq(fills.accountId, accountId),
      f.symbol === undefined ? undefined : eq(fills.symbol, f.symbol),
      f.side === undefined ? undefined : eq(fills.side, f.side),
      f.fromMs === undefined ? undefined : gte(fills.ts, new Date(f.fromMs)),
      f.toMs === undefined ? undefined : lt(fills.ts, new Date(f.toMs)),
      cursor === undefined ? undefined : olderThan(cursor),
    );
  return {
    /** The last sample of each of at most EQUITY_POINTS_MAX equal buckets of [fromMs, toMs], oldest first. */
    async equity(fromMs: number, toMs: number): Promise<{ timeMs: number; equityMinor: bigint }[]> {
      const bucketMs = Math.max(1, Math.ceil((toMs - fromMs + 1) / EQUITY_POINTS_MAX));
      // The bucket is computed once in the inner query: DISTINCT ON must match ORDER BY exactly.
      const rows = await db.execute<{ ms: string; equity: string }>(sql`
        select ms, equity from (
          select distinct on (bucket) ms, equity from (
            select (extract(epoch from e.ts) * 1000)::bigint as ms, e.equity_minor::text as equity,
                   floor(((extract(epoch from e.ts) * 1000)::bigint - ${fromMs}::bigint) / ${bucketMs}::bigint) as bucket
            from ${equitySamples} e join ${accounts} a on a.id = e.account_id
            where a.user_id = ${userId} and a.id = ${accountId} and e.account_id = ${accountId}
              and e.ts >= ${new Date(fromMs).toISOString()}::timestamptz
              and e.ts <= ${new Date(toMs).toISOString()}::timestamptz
          ) s order by bucket, ms desc
        ) b order by ms`);
      return rows.map((r) => ({ timeMs: Number(r.ms), equityMinor: BigInt(r.equity) }));
    },
    /** Fills matching the filter, newest first, after the cursor when given. */
    async trades(filter: TradeFilter, limit: number, cursor?: FillCursor) {
      const rows = await db
        .select({ f: fills })
        .from(fills)
        .innerJoin(accounts, eq(accounts.id, fills.accountId))
        .where(fillsWhere(filter, cursor))
        .orderBy(desc(fills.tradeId), desc(fills.orderId))
        .limit(Math.min(limit, REPORT_FILLS_MAX));
      return rows.map((r) => toFillView(r.f));
    },
    /** Every fill (up to REPORT_FILLS_MAX + 1, so a caller can tell it was cut), oldest first. */
    async allFills() {
      const rows = await db
        .select({ f: fills })
        .from(fills)
        .innerJoin(accounts, eq(accounts.id, fills.accountId))
        .where(fillsWhere({}))
        .orderBy(asc(fills.ts), asc(fills.tradeId), asc(fills.orderId))
        .limit(REPORT_FILLS_MAX + 1);
      return rows.map((r) => toFillView(r.f));
    },
    /** The account, its projected balance (null before core opened it) and realised PnL per symbol. */
    async ledger() {
      const [acct] = await db
        .select({ a: accounts, balance: balances.balance })
        .from(accounts)
        .leftJoin(balances, and(eq(balances.accountId, accounts.id), eq(balances.currency, accounts.currency)))
        .where(owner);
      if (acct === undefined) return undefined;
      const pnl = await db
        .select({ symbol: positions.symbol, realisedPnl: positions.realisedPnl, quantity: positions.quantity })
        .from(positions)
        .innerJoin(accounts, eq(accounts.id, positions.accountId))
        .where(and(owner, eq(positions.accountId, accountId)))
        .orderBy(asc(positions.symbol));
      return { account: acct.a, balance: acct.balance, positions: pnl };
    },
  };
}

function olderThan(c: FillCursor): SQL | undefined {
  return or(lt(fills.tradeId, c.tradeId), and(eq(fills.tradeId, c.tradeId), lt(fills.orderId, c.orderId)));
}
