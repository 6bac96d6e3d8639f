import { type Database, schema } from '@tradewind/db';
import type { BalanceView, FillView, OrderView, PositionView, SingleOrderType } from '@tradewind/shared/protocol';
import { and, desc, eq, inArray, lt, ne, or, type SQL } from 'drizzle-orm';

const { accounts, orders, fills, positions, balances } = schema;

/** Statuses of an order that can still trade (open orders). */
export const OPEN_ORDER_STATUSES = ['accepted', 'triggered', 'partially_filled'] as const;
/** Statuses of an order that is done (order history). */
export const DONE_ORDER_STATUSES = ['filled', 'cancelled', 'rejected', 'expired'] as const;
/** Rows one read returns at most, whatever the caller asks: every list has a bound. */
export const TRADING_LIST_MAX = 500;

type OrderRow = typeof orders.$inferSelect;
type FillRow = typeof fills.$inferSelect;

export function toOrderView(r: OrderRow): OrderView {
  return {
    orderId: String(r.orderId),
    clientOrderId: r.clientOrderId,
    accountId: r.accountId,
    symbol: r.symbol,
    side: r.side,
    type: r.type as SingleOrderType,
    timeInForce: r.timeInForce as OrderView['timeInForce'],
    status: r.status as OrderView['status'],
    quantity: r.quantity,
    filledQuantity: r.filledQuantity,
    ...(r.price !== null ? { price: r.price } : {}),
    ...(r.triggerPrice !== null ? { triggerPrice: r.triggerPrice } : {}),
    ...(r.linkedOrderId !== null ? { linkedOrderId: String(r.linkedOrderId) } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
    updatedAtMs: r.updatedAt.getTime(),
  };
}

export function toFillView(r: FillRow): FillView {
  return {
    tradeId: String(r.tradeId),
    orderId: String(r.orderId),
    clientOrderId: r.clientOrderId,
    accountId: r.accountId,
    symbol: r.symbol,
    side: r.side,
    price: r.price,
    quantity: r.quantity,
    fee: r.fee,
    liquidity: r.liquidity,
    tsMs: r.ts.getTime(),
  };
}

/** A fills page cursor: the (trade id, order id) of the last fill of the previous page. */
export type FillCursor = { readonly tradeId: number; readonly orderId: number };

type Scope = { readonly db: Database; readonly owner: SQL | undefined; readonly accountId: string };

function ordersOf({ db, owner, accountId }: Scope, where: SQL | undefined, limit: number): Promise<OrderView[]> {
  return db
    .select({ o: orders })
    .from(orders)
    .innerJoin(accounts, eq(accounts.id, orders.accountId))
    .where(and(owner, eq(orders.accountId, accountId), where))
    .orderBy(desc(orders.orderId))
    .limit(Math.min(limit, TRADING_LIST_MAX))
    .then((rows) => rows.map((r) => toOrderView(r.o)));
}

async function fillsOf({ db, owner, accountId }: Scope, limit: number, cursor?: FillCursor): Promise<FillView[]> {
  const after = cursor
    ? or(lt(fills.tradeId, cursor.tradeId), and(eq(fills.tradeId, cursor.tradeId), lt(fills.orderId, cursor.orderId)))
    : undefined;
  const rows = await db
    .select({ f: fills })
    .from(fills)
    .innerJoin(accounts, eq(accounts.id, fills.accountId))
    .where(and(owner, eq(fills.accountId, accountId), after))
    .orderBy(desc(fills.tradeId), desc(fills.orderId))
    .limit(Math.min(limit, TRADING_LIST_MAX));
  return rows.map((r) => toFillView(r.f));
}

/** Open positions (quantity ≠ 0): a closed position keeps its row for its realised PnL. */
async function positionsOf({ db, owner, accountId }: Scope): Promise<PositionView[]> {
  const rows = await db
    .select({ p: positions })
    .from(positions)
    .innerJoin(accounts, eq(accounts.id, positions.accountId))
    .where(and(owner, eq(positions.accountId, accountId), ne(positions.quantity, '0')))
    .orderBy(positions.symbol)
    .limit(TRADING_LIST_MAX);
  return rows.map(({ p }) => ({
    accountId: p.accountId,
    symbol: p.symbol,
    quantity: p.quantity,
    cost: p.cost,
    realisedPnl: p.realisedPnl,
    updatedAtMs: p.updatedAt.getTime(),
  }));
}

async function balancesOf({ db, owner, accountId }: Scope): Promise<BalanceView[]> {
  const rows = await db
    .select({ b: balances })
    .from(balances)
    .innerJoin(accounts, eq(accounts.id, balances.accountId))
    .where(and(owner, eq(balances.accountId, accountId)))
    .orderBy(balances.currency)
    .limit(TRADING_LIST_MAX);
  return rows.map(({ b }) => ({
    accountId: b.accountId,
    currency: b.currency,
    balance: b.balance,
    updatedAtMs: b.updatedAt.getTime(),
  }));
}

/**
 * The trading rows of one account of one user. Every query joins `accounts` and filters by
 * both the account id and its owner (RELIABILITY S4): an account id of someone else finds
 * nothing, even if a caller forgot to check the account first.
 */
export function ownedTrading(db: Database, userId: string, accountId: string) {
  const scope: Scope = { db, owner: and(eq(accounts.userId, userId), eq(accounts.id, accountId)), accountId };
  return {
    openOrders: () => ordersOf(scope, inArray(orders.status, [...OPEN_ORDER_STATUSES]), TRADING_LIST_MAX),
    /** Done orders, newest first, after `beforeOrderId` when given. */
    orderHistory: (limit: number, beforeOrderId?: number) =>
      ordersOf(
        scope,
        and(
          inArray(orders.status, [...DONE_ORDER_STATUSES]),
          beforeOrderId === undefined ? undefined : lt(orders.orderId, beforeOrderId),
        ),
        limit,
      ),
    /** Fills, newest first (by trade id, then order id), after `cursor` when given. */
    fills: (limit: number, cursor?: FillCursor) => fillsOf(scope, limit, cursor),
    /** The order with this client order id (R5: did a send whose answer was lost arrive?). */
    orderByClientId: async (clientOrderId: string): Promise<OrderView | undefined> =>
      (await ordersOf(scope, eq(orders.clientOrderId, clientOrderId), 1))[0],
    positions: () => positionsOf(scope),
    balances: () => balancesOf(scope),
  };
}
