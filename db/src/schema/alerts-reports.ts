import { sql } from 'drizzle-orm';
import { bigint, check, index, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Price alerts a user sets ("BTC-USD crosses 100,000"). Edge writes them (owner-scoped);
 * core loads the active ones, evaluates them on every trade and, in one transaction, marks an
 * alert triggered and appends its `price_alert.triggered` event to the outbox — so an alert
 * fires once even across restarts. `threshold` is the decimal the user typed, `threshold_ticks`
 * the same on the instrument's grid; `reference_ticks` is the last price at creation (the side
 * a `crosses` alert is crossed from).
 */
export const priceAlerts = pgTable(
  'price_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    condition: text('condition', { enum: ['above', 'below', 'crosses'] }).notNull(),
    threshold: numeric('threshold').notNull(),
    thresholdTicks: bigint('threshold_ticks', { mode: 'number' }).notNull(),
    referenceTicks: bigint('reference_ticks', { mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: ['active', 'triggered'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    triggeredAt: timestamp('triggered_at', { withTimezone: true, precision: 3 }),
    /** The trade price that fired it, in ticks. */
    triggeredTicks: bigint('triggered_ticks', { mode: 'number' }),
  },
  (t) => [
    index('price_alerts_user_idx').on(t.userId, t.createdAt),
    index('price_alerts_active_idx').on(t.symbol).where(sql`${t.status} = 'active'`),
    check('price_alerts_threshold_positive', sql`${t.thresholdTicks} > 0`),
  ],
);

/**
 * The live equity curve: core samples every user account's equity (cash + positions at the
 * mark, exact minor units) periodically and after fills, in batched inserts. Reports compute
 * their metrics from it.
 */
export const equitySamples = pgTable(
  'equity_samples',
  {
    accountId: uuid('account_id').notNull(),
    ts: timestamp('ts', { withTimezone: true, precision: 3 }).notNull(),
    equityMinor: numeric('equity_minor').notNull(),
    cashMinor: numeric('cash_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.ts] })],
);
