import type { Sql } from '@tradewind/db';
import type { BalanceView, FillView, OrderView, PositionView } from '@tradewind/shared/protocol';

/**
 * The query-table rows of one journal batch, written in the batch's transaction so the tables
 * are exactly as current as the acknowledged commands. Orders, positions and balances keep the
 * last row per key within the batch (one upsert per table); fills are appended.
 */
export class ProjectionBatch {
  readonly orders = new Map<string, { view: OrderView; createdAtMs: number }>();
  readonly fills: FillView[] = [];
  readonly positions = new Map<string, PositionView>();
  readonly balances = new Map<string, BalanceView>();
  /** Domain events for the outbox (the bus), in order. */
  readonly events: { atMs: number; type: string; accountId: string; payload: Record<string, unknown> }[] = [];

  order(view: OrderView, createdAtMs: number): void {
    const prior = this.orders.get(view.orderId);
    this.orders.set(view.orderId, { view, createdAtMs: prior?.createdAtMs ?? createdAtMs });
  }
  fill(fill: FillView): void {
    this.fills.push(fill);
  }
  position(p: PositionView): void {
    this.positions.set(`${p.accountId}|${p.symbol}`, p);
  }
  balance(b: BalanceView): void {
    this.balances.set(`${b.accountId}|${b.currency}`, b);
  }
  get empty(): boolean {
    return this.orders.size === 0 && this.fills.length === 0 && this.positions.size === 0 && this.balances.size === 0;
  }
}

const col = <T, R>(rows: readonly T[], f: (r: T) => R): R[] => rows.map(f);
const ts = (ms: number): string => new Date(ms).toISOString();

/**
 * One statement per table (unnest of column arrays), returned unsent so that the transaction
 * pipelines them with the journal insert: one round trip per batch, whatever its size.
 */
export function projectionQueries(sql: Sql, batch: ProjectionBatch): Promise<unknown>[] {
  const queries: Promise<unknown>[] = [];
  if (batch.orders.size > 0) queries.push(writeOrders(sql, [...batch.orders.values()]));
  if (batch.fills.length > 0) queries.push(writeFills(sql, batch.fills));
  if (batch.positions.size > 0) queries.push(writePositions(sql, [...batch.positions.values()]));
  if (batch.balances.size > 0) queries.push(writeBalances(sql, [...batch.balances.values()]));
  return queries;
}

function writeOrders(sql: Sql, rows: { view: OrderView; createdAtMs: number }[]) {
  const v = rows.map((r) => r.view);
  return sql`insert into orders (order_id, account_id, client_order_id, symbol, side, type, time_in_force, status,
      quantity, filled_quantity, price, trigger_price, linked_order_id, reason, deployment_id, created_at, updated_at)
    select * from unnest(${col(v, (o) => o.orderId)}::bigint[], ${col(v, (o) => o.accountId)}::text[]::uuid[],
      ${col(v, (o) => o.clientOrderId)}::text[], ${col(v, (o) => o.symbol)}::text[], ${col(v, (o) => o.side)}::text[],
      ${col(v, (o) => o.type)}::text[], ${col(v, (o) => o.timeInForce)}::text[], ${col(v, (o) => o.status)}::text[],
      ${col(v, (o) => o.quantity)}::text[]::numeric[], ${col(v, (o) => o.filledQuantity)}::text[]::numeric[],
      ${col(v, (o) => o.price ?? null)}::text[]::numeric[], ${col(v, (o) => o.triggerPrice ?? null)}::text[]::numeric[],
      ${col(v, (o) => o.linkedOrderId ?? null)}::bigint[], ${col(v, (o) => o.reason ?? null)}::text[],
      ${col(v, (o) => o.deploymentId ?? null)}::text[]::uuid[],
      ${col(rows, (r) => ts(r.createdAtMs))}::text[]::timestamptz[], ${col(v, (o) => ts(o.updatedAtMs))}::text[]::timestamptz[])
    on conflict (order_id) do update set status = excluded.status, quantity = excluded.quantity,
      filled_quantity = excluded.filled_quantity, price = excluded.price, trigger_price = excluded.trigger_price,
      linked_order_id = excluded.linked_order_id, reason = excluded.reason, updated_at = excluded.updated_at,
      deployment_id = coalesce(orders.deployment_id, excluded.deployment_id)`;
}

function writeFills(sql: Sql, f: FillView[]) {
  return sql`insert into fills (trade_id, order_id, account_id, client_order_id, symbol, side, price, quantity, fee, liquidity,
      deployment_id, ts)
    select * from unnest(${col(f, (x) => x.tradeId)}::bigint[], ${col(f, (x) => x.orderId)}::bigint[],
      ${col(f, (x) => x.accountId)}::text[]::uuid[], ${col(f, (x) => x.clientOrderId)}::text[], ${col(f, (x) => x.symbol)}::text[],
      ${col(f, (x) => x.side)}::text[], ${col(f, (x) => x.price)}::text[]::numeric[], ${col(f, (x) => x.quantity)}::text[]::numeric[],
      ${col(f, (x) => x.fee)}::text[]::numeric[], ${col(f, (x) => x.liquidity)}::text[],
      ${col(f, (x) => x.deploymentId ?? null)}::text[]::uuid[], ${col(f, (x) => ts(x.tsMs))}::text[]::timestamptz[])
    on conflict do nothing`;
}

function writePositions(sql: Sql, p: PositionView[]) {
  return sql`insert into positions (account_id, symbol, quantity, cost, realised_pnl, updated_at)
    select * from unnest(${col(p, (x) => x.accountId)}::text[]::uuid[], ${col(p, (x) => x.symbol)}::text[],
      ${col(p, (x) => x.quantity)}::text[]::numeric[], ${col(p, (x) => x.cost)}::text[]::numeric[], ${col(p, (x) => x.realisedPnl)}::text[]::numeric[],
      ${col(p, (x) => ts(x.updatedAtMs))}::text[]::timestamptz[])
    on conflict (account_id, symbol) do update set quantity = excluded.quantity, cost = excluded.cost,
      realised_pnl = excluded.realised_pnl, updated_at = excluded.updated_at`;
}

function writeBalances(sql: Sql, b: BalanceView[]) {
  return sql`insert into balances (account_id, currency, balance, updated_at)
    select * from unnest(${col(b, (x) => x.accountId)}::text[]::uuid[], ${col(b, (x) => x.currency)}::text[],
      ${col(b, (x) => x.balance)}::text[]::numeric[], ${col(b, (x) => ts(x.updatedAtMs))}::text[]::timestamptz[])
    on conflict (account_id, currency) do update set balance = excluded.balance, updated_at = excluded.updated_at`;
}
