import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The core's journal and the query tables projected from its events.
 *
 * `journal_commands` is the source of truth: every command the engine applied, in order
 * (`seq` 1, 2, 3… without gaps), as JSON with bigints as strings. Recovery = the newest
 * `journal_snapshots` row + replay of the commands after its seq. Both are written only by
 * core-server (group commit: one multi-row insert per batch, one transaction).
 *
 * `orders`, `fills`, `positions`, `balances` are projections of the journal, written right after
 * the commands that caused them commit, in one transaction per projected batch that also advances
 * `journal_projection` (so they are never ahead of the journal and catch up after a crash). Edge
 * reads them (scoped by `account_id` → `accounts.user_id`). Quantities, prices and cash are
 * decimal strings (`numeric`) converted with the instrument's steps: view-ready. Only user
 * accounts (uuid ids) are projected; the simulated market's system accounts live in the journal only.
 */
export const journalCommands = pgTable('journal_commands', {
  seq: bigint('seq', { mode: 'bigint' }).primaryKey(),
  /** The engine time of the command (epoch ms), for humans and range reads. */
  timeMs: bigint('time_ms', { mode: 'number' }).notNull(),
  command: text('command').notNull(),
  /**
   * What the engine does not know about a command but its projection needs: the live-strategy
   * deployment that sent it (its orders and fills carry `deployment_id`), so a re-projection after
   * a crash tags them as the live run did. Null for every other command.
   */
  tag: text('tag'),
});

export const journalSnapshots = pgTable('journal_snapshots', {
  /** The last command seq included in the snapshot. */
  seq: bigint('seq', { mode: 'bigint' }).primaryKey(),
  stateHash: text('state_hash').notNull(),
  snapshot: text('snapshot').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row (id = 1): the last journal seq whose projection (the query tables below and the bus
 * outbox) is written. Core acknowledges a command once `journal_commands` has it and projects
 * it just after, in a transaction of its own that also advances this row; recovery re-projects
 * the commands after it, so the projection is exactly-once and catches up after any crash.
 */
export const journalProjection = pgTable(
  'journal_projection',
  {
    id: smallint('id').primaryKey(),
    seq: bigint('seq', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    check('journal_projection_single_row', sql`${t.id} = 1`),
    check('journal_projection_non_negative', sql`${t.seq} >= 0`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    /** The engine's order id (unique per venue). */
    orderId: bigint('order_id', { mode: 'number' }).primaryKey(),
    accountId: uuid('account_id').notNull(),
    clientOrderId: text('client_order_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side', { enum: ['buy', 'sell'] }).notNull(),
    type: text('type').notNull(),
    timeInForce: text('time_in_force').notNull(),
    status: text('status').notNull(),
    quantity: numeric('quantity').notNull(),
    filledQuantity: numeric('filled_quantity').notNull(),
    price: numeric('price'),
    triggerPrice: numeric('trigger_price'),
    linkedOrderId: bigint('linked_order_id', { mode: 'number' }),
    reason: text('reason'),
    /** The live strategy deployment that placed it (strategy_deployments.id); null: placed by hand. */
    deploymentId: uuid('deployment_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index('orders_account_status_idx').on(t.accountId, t.status, t.orderId),
    /** edge `trading.orderByClientId`: one account's order by its client order id. */
    index('orders_account_client_order_idx').on(t.accountId, t.clientOrderId),
    index('orders_deployment_idx').on(t.deploymentId, t.orderId).where(sql`${t.deploymentId} is not null`),
  ],
);

export const fills = pgTable(
  'fills',
  {
    tradeId: bigint('trade_id', { mode: 'number' }).notNull(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    accountId: uuid('account_id').notNull(),
    clientOrderId: text('client_order_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side', { enum: ['buy', 'sell'] }).notNull(),
    price: numeric('price').notNull(),
    quantity: numeric('quantity').notNull(),
    fee: numeric('fee').notNull(),
    liquidity: text('liquidity', { enum: ['maker', 'taker'] }).notNull(),
    /** As on its order: the deployment that placed it, for per-strategy reports. */
    deploymentId: uuid('deployment_id'),
    ts: timestamp('ts', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tradeId, t.orderId] }),
    index('fills_account_idx').on(t.accountId, t.ts),
    index('fills_deployment_idx').on(t.deploymentId, t.ts).where(sql`${t.deploymentId} is not null`),
  ],
);

export const positions = pgTable(
  'positions',
  {
    accountId: uuid('account_id').notNull(),
    symbol: text('symbol').notNull(),
    /** Signed: long > 0, short < 0. */
    quantity: numeric('quantity').notNull(),
    /** Signed cost of the open quantity in the quote currency. */
    cost: numeric('cost').notNull(),
    realisedPnl: numeric('realised_pnl').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.symbol] })],
);

export const balances = pgTable(
  'balances',
  {
    accountId: uuid('account_id').notNull(),
    currency: text('currency').notNull(),
    balance: numeric('balance').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.currency] })],
);
