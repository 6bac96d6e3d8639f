import { type Database, schema } from '@tradewind/db';
import { CURRENCY_SCALE, minorToDecimal } from '@tradewind/shared';
import type { FillView, OrderView } from '@tradewind/shared/protocol';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { TRADING_LIST_MAX, toFillView, toOrderView } from './owned-trading';

const { strategyDeployments, accounts, orders, fills } = schema;

export type DeploymentRecord = {
  id: string;
  strategyId: string;
  params: Record<string, unknown>;
  symbols: string[];
  interval: '1s' | '1m';
  accountId: string;
  accountName: string;
  /** The cash moved into its sub-account (decimal, the account's currency); null: it trades the account itself. */
  allocated: string | null;
  currency: string;
  status: 'running' | 'stopped' | 'failed';
  reason: string | null;
  runs: number;
  createdAtMs: number;
  startedAtMs: number;
  stoppedAtMs: number | null;
};

/** A deployment's fills summed per symbol (exact numerics from PostgreSQL, as decimal strings). */
export type FillTotals = {
  deploymentId: string;
  symbol: string;
  /** Signed lots bought − sold, as a decimal quantity. */
  quantity: string;
  /** Σ sells' price × quantity − Σ buys' (exact, before fees). */
  cashFlow: string;
  fees: string;
  fills: number;
};

const columns = {
  d: strategyDeployments,
  accountName: accounts.name,
  currency: accounts.currency,
};

function toRecord(r: { d: typeof strategyDeployments.$inferSelect; accountName: string; currency: string }) {
  const { d } = r;
  const scale = CURRENCY_SCALE[r.currency] ?? 2;
  return {
    id: d.id,
    strategyId: d.strategyId,
    params: d.params as Record<string, unknown>,
    symbols: d.symbols,
    interval: d.interval,
    accountId: d.accountId,
    accountName: r.accountName,
    allocated: d.allocatedMinor === null ? null : minorToDecimal(BigInt(d.allocatedMinor), scale),
    currency: r.currency,
    status: d.status,
    reason: d.reason,
    runs: d.runs,
    createdAtMs: d.createdAt.getTime(),
    startedAtMs: d.startedAt.getTime(),
    stoppedAtMs: d.stoppedAt?.getTime() ?? null,
  } satisfies DeploymentRecord;
}

/**
 * One user's live strategy deployments and what they did: every query is filtered by the
 * owner (RELIABILITY S4), so another user's deployment id finds nothing.
 */
export function ownedStrategies(db: Database, userId: string) {
  const mine = (id: string) => and(eq(strategyDeployments.id, id), eq(strategyDeployments.userId, userId));
  const base = () =>
    db.select(columns).from(strategyDeployments).innerJoin(accounts, eq(accounts.id, strategyDeployments.accountId));
  return {
    async list(limit: number): Promise<DeploymentRecord[]> {
      const rows = await base()
        .where(eq(strategyDeployments.userId, userId))
        .orderBy(desc(strategyDeployments.createdAt), desc(strategyDeployments.id))
        .limit(limit);
      return rows.map(toRecord);
    },
    async get(id: string): Promise<DeploymentRecord | undefined> {
      const [row] = await base().where(mine(id));
      return row === undefined ? undefined : toRecord(row);
    },
    /** Its orders, newest first. */
    async orders(id: string, limit: number): Promise<OrderView[]> {
      const rows = await db
        .select({ o: orders })
        .from(orders)
        .innerJoin(strategyDeployments, eq(strategyDeployments.id, orders.deploymentId))
        .where(mine(id))
        .orderBy(desc(orders.orderId))
        .limit(Math.min(limit, TRADING_LIST_MAX));
      return rows.map((r) => ({ ...toOrderView(r.o), deploymentId: id }));
    },
    /** Its fills, newest first. */
    async fills(id: string, limit: number): Promise<FillView[]> {
      const rows = await db
        .select({ f: fills })
        .from(fills)
        .innerJoin(strategyDeployments, eq(strategyDeployments.id, fills.deploymentId))
        .where(mine(id))
        .orderBy(desc(fills.tradeId), desc(fills.orderId))
        .limit(Math.min(limit, TRADING_LIST_MAX));
      return rows.map((r) => ({ ...toFillView(r.f), deploymentId: id }));
    },
    /** Fill totals per deployment and symbol of the given deployments (the owner's only). */
    async totals(ids: readonly string[]): Promise<FillTotals[]> {
      if (ids.length === 0) return [];
      const buy = sql`${fills.side} = 'buy'`;
      return db
        .select({
          deploymentId: sql<string>`${fills.deploymentId}::text`,
          symbol: fills.symbol,
          quantity: sql<string>`sum(case when ${buy} then ${fills.quantity} else -${fills.quantity} end)::text`,
          cashFlow: sql<string>`sum(case when ${buy} then -${fills.price} * ${fills.quantity} else ${fills.price} * ${fills.quantity} end)::text`,
          fees: sql<string>`sum(${fills.fee})::text`,
          fills: sql<number>`count(*)::int`,
        })
        .from(fills)
        .innerJoin(strategyDeployments, eq(strategyDeployments.id, fills.deploymentId))
        .where(and(eq(strategyDeployments.userId, userId), inArray(strategyDeployments.id, [...ids])))
        .groupBy(fills.deploymentId, fills.symbol)
        .orderBy(fills.symbol);
    },
    /** Open orders per deployment. */
    async openOrders(ids: readonly string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: sql<string>`${orders.deploymentId}::text`, n: sql<number>`count(*)::int` })
        .from(orders)
        .innerJoin(strategyDeployments, eq(strategyDeployments.id, orders.deploymentId))
        .where(
          and(
            eq(strategyDeployments.userId, userId),
            inArray(strategyDeployments.id, [...ids]),
            inArray(orders.status, ['accepted', 'triggered', 'partially_filled']),
          ),
        )
        .groupBy(orders.deploymentId);
      return new Map(rows.map((r) => [r.id, r.n]));
    },
  };
}
