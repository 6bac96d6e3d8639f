import { type Database, schema } from '@tradewind/db';
import type { FillView } from '@tradewind/shared/protocol';
import { and, asc, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type FillCursor, toFillView } from './owned-trading';

const { accounts, fills, positions, balances, equitySamples, strategyDeployments } = schema;

/** Points of an equity curve a report reads at most: a longer period is downsampled to this many buckets. */
export const EQUITY_POINTS_MAX = 2_000;
/** Deployments `reports.scopes` lists (newest first); any of the owner's can be asked for by id. */
export const REPORT_DEPLOYMENTS_MAX = 200;
/** Fills one transaction report or CSV export reads at most (it says when it stopped there). */
export const REPORT_FILLS_MAX = 50_000;

export type TradeFilter = {
  readonly symbol?: string;
  readonly side?: 'buy' | 'sell';
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Only what this live strategy deployment did (fills.deployment_id). */
  readonly deploymentId?: string;
};

/** A fill in a report: with its account (a family report spans several) and the deployment that made it, if any. */
export type ReportFill = FillView;

/** One of the owner's accounts as reports see it: where it sits in its family. */
export type ReportAccount = typeof accounts.$inferSelect & { readonly balance: string | null };

/** A cash allocation from a parent to a sub-account (a deployment's), as a dated transfer. */
export type Allocation = { accountId: string; parentId: string; amountMinor: bigint; atMs: number };

/** A live strategy deployment as reports offer it for filtering. */
export type ReportDeployment = {
  id: string;
  strategyId: string;
  accountId: string;
  status: string;
  createdAtMs: number;
};

function toReportFill(r: typeof fills.$inferSelect): ReportFill {
  const view = toFillView(r);
  return r.deploymentId === null ? view : { ...view, deploymentId: r.deploymentId };
}

/**
 * Sums per-account equity series (each sampled on its own) into one: at each time, every
 * account's last value; `opening` holds each account's last value before the series starts
 * (absent: 0, a sub-account holds nothing before it is funded).
 */
export function sumCurves(
  series: readonly { accountId: string; timeMs: number; equityMinor: bigint }[],
  opening: ReadonlyMap<string, bigint> = new Map(),
) {
  const sorted = [...series].sort((a, b) => a.timeMs - b.timeMs);
  const last = new Map(opening);
  const out: { timeMs: number; equityMinor: bigint }[] = [];
  let total = [...opening.values()].reduce((sum, v) => sum + v, 0n);
  for (const p of sorted) {
    total += p.equityMinor - (last.get(p.accountId) ?? 0n);
    last.set(p.accountId, p.equityMinor);
    const tail = out.at(-1);
    if (tail !== undefined && tail.timeMs === p.timeMs) tail.equityMinor = total;
    else out.push({ timeMs: p.timeMs, equityMinor: total });
  }
  return out;
}

/**
 * Report reads of some of one user's accounts (one, or a family: a parent and its
 * sub-accounts). Every query joins `accounts` on the owner (RELIABILITY S4): someone else's
 * account id reads nothing.
 */
export function ownedReports(db: Database, userId: string, accountIds: readonly string[]) {
  const ids = accountIds.length > 0 ? [...accountIds] : ['00000000-0000-0000-0000-000000000000'];
  const owner = and(eq(accounts.userId, userId), inArray(accounts.id, ids));
  const fillsWhere = (f: TradeFilter, cursor?: FillCursor) =>
    and(
      owner,
      inArray(fills.accountId, ids),
      f.symbol === undefined ? undefined : eq(fills.symbol, f.symbol),
      f.side === undefined ? undefined : eq(fills.side, f.side),
      f.fromMs === undefined ? undefined : gte(fills.ts, new Date(f.fromMs)),
      f.toMs === undefined ? undefined : lt(fills.ts, new Date(f.toMs)),
      f.deploymentId === undefined ? undefined : eq(fills.deploymentId, f.deploymentId),
      cursor === undefined ? undefined : olderThan(cursor),
    );
  return {
    /**
     * The last sample of each of at most EQUITY_POINTS_MAX equal buckets of [fromMs, toMs], oldest
     * first; over several accounts, their sum (each account's last sample up to each time; an
     * account counts 0 before its first sample, as a sub-account holds nothing before it is funded).
     */
    async equity(fromMs: number, toMs: number): Promise<{ timeMs: number; equityMinor: bigint }[]> {
      const bucketMs = Math.max(1, Math.ceil((toMs - fromMs + 1) / EQUITY_POINTS_MAX));
      // The bucket is computed once in the inner query: DISTINCT ON must match ORDER BY exactly.
      const rows = await db.execute<{ account_id: string; ms: string; equity: string }>(sql`
        select account_id, ms, equity from (
          select distinct on (account_id, bucket) account_id, ms, equity from (
            select e.account_id, (extract(epoch from e.ts) * 1000)::bigint as ms, e.equity_minor::text as equity,
                   floor(((extract(epoch from e.ts) * 1000)::bigint - ${fromMs}::bigint) / ${bucketMs}::bigint) as bucket
            from ${equitySamples} e join ${accounts} a on a.id = e.account_id
            where a.user_id = ${userId} and a.id in ${ids} and e.account_id in ${ids}
              and e.ts >= ${new Date(fromMs).toISOString()}::timestamptz
              and e.ts <= ${new Date(toMs).toISOString()}::timestamptz
          ) s order by account_id, bucket, ms desc
        ) b order by ms`);
      const points = rows.map((r) => ({
        accountId: r.account_id,
        timeMs: Number(r.ms),
        equityMinor: BigInt(r.equity),
      }));
      if (ids.length === 1) return points.map(({ timeMs, equityMinor }) => ({ timeMs, equityMinor }));
      const before = await db.execute<{ account_id: string; equity: string }>(sql`
        select distinct on (e.account_id) e.account_id, e.equity_minor::text as equity
        from ${equitySamples} e join ${accounts} a on a.id = e.account_id
        where a.user_id = ${userId} and e.account_id in ${ids}
          and e.ts < ${new Date(fromMs).toISOString()}::timestamptz
        order by e.account_id, e.ts desc`);
      return sumCurves(points, new Map(before.map((r) => [r.account_id, BigInt(r.equity)])));
    },
    /** Fills matching the filter, newest first, after the cursor when given. */
    async trades(filter: TradeFilter, limit: number, cursor?: FillCursor): Promise<ReportFill[]> {
      const rows = await db
        .select({ f: fills })
        .from(fills)
        .innerJoin(accounts, eq(accounts.id, fills.accountId))
        .where(fillsWhere(filter, cursor))
        .orderBy(desc(fills.tradeId), desc(fills.orderId))
        .limit(Math.min(limit, REPORT_FILLS_MAX));
      return rows.map((r) => toReportFill(r.f));
    },
    /** Fills matching the filter (up to REPORT_FILLS_MAX + 1, so a caller can tell it was cut), oldest first. */
    async allFills(filter: TradeFilter = {}): Promise<ReportFill[]> {
      const rows = await db
        .select({ f: fills })
        .from(fills)
        .innerJoin(accounts, eq(accounts.id, fills.accountId))
        .where(fillsWhere(filter))
        .orderBy(asc(fills.ts), asc(fills.tradeId), asc(fills.orderId))
        .limit(REPORT_FILLS_MAX + 1);
      return rows.map((r) => toReportFill(r.f));
    },
    /** The accounts with their projected balance (null before core opened them) and realised PnL per symbol. */
    async ledger() {
      const rows = await db
        .select({ a: accounts, balance: balances.balance })
        .from(accounts)
        .leftJoin(balances, and(eq(balances.accountId, accounts.id), eq(balances.currency, accounts.currency)))
        .where(owner)
        .orderBy(asc(accounts.createdAt));
      const pnl = await db
        .select({ symbol: positions.symbol, realisedPnl: positions.realisedPnl, quantity: positions.quantity })
        .from(positions)
        .innerJoin(accounts, eq(accounts.id, positions.accountId))
        .where(and(owner, inArray(positions.accountId, ids)))
        .orderBy(asc(positions.symbol));
      const accountsOf: ReportAccount[] = rows.map((r) => ({ ...r.a, balance: r.balance }));
      return { accounts: accountsOf, positions: pnl, allocations: await allocationsOf(db, userId, ids) };
    },
  };
}

/** Deployments' allocations into or out of these accounts (the only transfers core makes). */
async function allocationsOf(db: Database, userId: string, ids: string[]): Promise<Allocation[]> {
  const rows = await db
    .select({
      accountId: strategyDeployments.accountId,
      parentId: accounts.parentId,
      amount: strategyDeployments.allocatedMinor,
      at: strategyDeployments.createdAt,
    })
    .from(strategyDeployments)
    .innerJoin(accounts, eq(accounts.id, strategyDeployments.accountId))
    .where(
      and(
        eq(strategyDeployments.userId, userId),
        eq(accounts.userId, userId),
        sql`${strategyDeployments.allocatedMinor} is not null`,
        or(inArray(strategyDeployments.accountId, ids), inArray(accounts.parentId, ids)),
      ),
    )
    .orderBy(asc(strategyDeployments.createdAt));
  return rows.flatMap((r) =>
    r.amount === null || r.parentId === null
      ? []
      : [{ accountId: r.accountId, parentId: r.parentId, amountMinor: BigInt(r.amount), atMs: r.at.getTime() }],
  );
}

/** What a user can report on: their accounts (with parent) and their live deployments. */
export function ownedReportScopes(db: Database, userId: string) {
  return {
    async accounts(): Promise<ReportAccount[]> {
      const rows = await db
        .select({ a: accounts, balance: balances.balance })
        .from(accounts)
        .leftJoin(balances, and(eq(balances.accountId, accounts.id), eq(balances.currency, accounts.currency)))
        .where(eq(accounts.userId, userId))
        .orderBy(asc(accounts.createdAt));
      return rows.map((r) => ({ ...r.a, balance: r.balance }));
    },
    /** The newest REPORT_DEPLOYMENTS_MAX deployments, or the one with `id` (undefined for anyone else's). */
    async deployments(id?: string): Promise<ReportDeployment[]> {
      const rows = await db
        .select({ d: strategyDeployments })
        .from(strategyDeployments)
        .innerJoin(accounts, eq(accounts.id, strategyDeployments.accountId))
        .where(
          and(
            eq(strategyDeployments.userId, userId),
            eq(accounts.userId, userId),
            id === undefined ? undefined : eq(strategyDeployments.id, id),
          ),
        )
        .orderBy(desc(strategyDeployments.createdAt))
        .limit(REPORT_DEPLOYMENTS_MAX);
      return rows.map(({ d }) => ({
        id: d.id,
        strategyId: d.strategyId,
        accountId: d.accountId,
        status: d.status,
        createdAtMs: d.createdAt.getTime(),
      }));
    },
  };
}

function olderThan(c: FillCursor): SQL | undefined {
  return or(lt(fills.tradeId, c.tradeId), and(eq(fills.tradeId, c.tradeId), lt(fills.orderId, c.orderId)));
}
