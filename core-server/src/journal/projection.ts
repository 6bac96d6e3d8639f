import { type PackedValue, packColumnOf, type Sql } from '@tradewind/db';
import type { BalanceView, FillView, OrderView, PositionView } from '@tradewind/shared/protocol';

/**
 * The query-table rows and bus events of one or more journal batches, written by the projection
 * writer once the batches are durable. Orders, positions and balances keep the last row per key
 * (one upsert per table: an order placed and cancelled within the batch is one row); fills and
 * events are appended.
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
  /** Appends a later batch: its rows replace this one's per key (an order keeps its first createdAt). */
  absorb(later: ProjectionBatch): void {
    for (const { view, createdAtMs } of later.orders.values()) this.order(view, createdAtMs);
    for (const f of later.fills) this.fills.push(f);
    for (const [k, p] of later.positions) this.positions.set(k, p);
    for (const [k, b] of later.balances) this.balances.set(k, b);
    for (const e of later.events) this.events.push(e);
  }
  get empty(): boolean {
    return this.orders.size === 0 && this.fills.length === 0 && this.positions.size === 0 && this.balances.size === 0;
  }
}

/** One column as one packed text parameter (packColumn of @tradewind/db), split by `string_to_array` in SQL. */
const col = <T>(rows: readonly T[], f: (r: T) => PackedValue): string => packColumnOf(rows, f);

/**
 * One statement per table (unnest of packed columns: a parameter per column whatever the number
 * of rows), returned unsent so that the transaction pipelines them: one round trip per batch.
 * Times travel as epoch milliseconds.
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
    select t.order_id, t.account_id, t.client_order_id, t.symbol, t.side, t.type, t.tif, t.status, t.quantity,
      t.filled, t.price, t.trigger_price, t.linked, t.reason, t.deployment_id,
      'epoch'::timestamptz + t.created_ms * interval '1 millisecond', 'epoch'::timestamptz + t.updated_ms * interval '1 millisecond'
    from unnest(
      (string_to_array(${col(v, (o) => o.orderId)}, chr(30), chr(31)))[2:]::bigint[],
      (string_to_array(${col(v, (o) => o.accountId)}, chr(30), chr(31)))[2:]::uuid[],
      (string_to_array(${col(v, (o) => o.clientOrderId)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(v, (o) => o.symbol)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(v, (o) => o.side)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(v, (o) => o.type)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(v, (o) => o.timeInForce)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(v, (o) => o.status)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(v, (o) => o.quantity)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(v, (o) => o.filledQuantity)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(v, (o) => o.price)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(v, (o) => o.triggerPrice)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(v, (o) => o.linkedOrderId)}, chr(30), chr(31)))[2:]::bigint[],
      (string_to_array(${col(v, (o) => o.reason ?? null)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(v, (o) => o.deploymentId ?? null)}, chr(30), chr(31)))[2:]::uuid[],
      (string_to_array(${col(rows, (r) => r.createdAtMs)}, chr(30), chr(31)))[2:]::bigint[],
      (string_to_array(${col(v, (o) => o.updatedAtMs)}, chr(30), chr(31)))[2:]::bigint[]
    )
      as t(order_id, account_id, client_order_id, symbol, side, type, tif, status, quantity, filled, price,
        trigger_price, linked, reason, deployment_id, created_ms, updated_ms)
    on conflict (order_id) do update set status = excluded.status, quantity = excluded.quantity,
      filled_quantity = excluded.filled_quantity, price = excluded.price, trigger_price = excluded.trigger_price,
      linked_order_id = excluded.linked_order_id, reason = excluded.reason, updated_at = excluded.updated_at,
      deployment_id = coalesce(orders.deployment_id, excluded.deployment_id)`;
}

function writeFills(sql: Sql, f: FillView[]) {
  return sql`insert into fills (trade_id, order_id, account_id, client_order_id, symbol, side, price, quantity, fee, liquidity,
      deployment_id, ts)
    select t.trade_id, t.order_id, t.account_id, t.client_order_id, t.symbol, t.side, t.price, t.quantity, t.fee,
      t.liquidity, t.deployment_id, 'epoch'::timestamptz + t.ms * interval '1 millisecond'
    from unnest(
      (string_to_array(${col(f, (x) => x.tradeId)}, chr(30), chr(31)))[2:]::bigint[],
      (string_to_array(${col(f, (x) => x.orderId)}, chr(30), chr(31)))[2:]::bigint[],
      (string_to_array(${col(f, (x) => x.accountId)}, chr(30), chr(31)))[2:]::uuid[],
      (string_to_array(${col(f, (x) => x.clientOrderId)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(f, (x) => x.symbol)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(f, (x) => x.side)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(f, (x) => x.price)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(f, (x) => x.quantity)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(f, (x) => x.fee)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(f, (x) => x.liquidity)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(f, (x) => x.deploymentId ?? null)}, chr(30), chr(31)))[2:]::uuid[],
      (string_to_array(${col(f, (x) => x.tsMs)}, chr(30), chr(31)))[2:]::bigint[]
    )
      as t(trade_id, order_id, account_id, client_order_id, symbol, side, price, quantity, fee, liquidity, deployment_id, ms)
    on conflict do nothing`;
}

function writePositions(sql: Sql, p: PositionView[]) {
  return sql`insert into positions (account_id, symbol, quantity, cost, realised_pnl, updated_at)
    select t.account_id, t.symbol, t.quantity, t.cost, t.pnl, 'epoch'::timestamptz + t.ms * interval '1 millisecond'
    from unnest(
      (string_to_array(${col(p, (x) => x.accountId)}, chr(30), chr(31)))[2:]::uuid[],
      (string_to_array(${col(p, (x) => x.symbol)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(p, (x) => x.quantity)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(p, (x) => x.cost)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(p, (x) => x.realisedPnl)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(p, (x) => x.updatedAtMs)}, chr(30), chr(31)))[2:]::bigint[]
    )
      as t(account_id, symbol, quantity, cost, pnl, ms)
    on conflict (account_id, symbol) do update set quantity = excluded.quantity, cost = excluded.cost,
      realised_pnl = excluded.realised_pnl, updated_at = excluded.updated_at`;
}

function writeBalances(sql: Sql, b: BalanceView[]) {
  return sql`insert into balances (account_id, currency, balance, updated_at)
    select t.account_id, t.currency, t.balance, 'epoch'::timestamptz + t.ms * interval '1 millisecond'
    from unnest(
      (string_to_array(${col(b, (x) => x.accountId)}, chr(30), chr(31)))[2:]::uuid[],
      (string_to_array(${col(b, (x) => x.currency)}, chr(30), chr(31)))[2:],
      (string_to_array(${col(b, (x) => x.balance)}, chr(30), chr(31)))[2:]::numeric[],
      (string_to_array(${col(b, (x) => x.updatedAtMs)}, chr(30), chr(31)))[2:]::bigint[]
    )
      as t(account_id, currency, balance, ms)
    on conflict (account_id, currency) do update set balance = excluded.balance, updated_at = excluded.updated_at`;
}
