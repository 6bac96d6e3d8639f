import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

/** Highest leverage a user may choose for a margin paper account (the engine allows up to 100). */
export const ACCOUNT_LEVERAGE_MAX = 10;

/**
 * A trading account. Every user gets a paper account funded with virtual cash on
 * registration. Cash is an exact integer of minor units (`numeric`, read as a string).
 * `leverage` null: a cash account; 1..ACCOUNT_LEVERAGE_MAX: a margin account (it may borrow and
 * go short; margin calls and liquidation apply), opened by the engine with that leverage.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['paper'] }).notNull(),
    currency: text('currency').notNull(),
    cashMinor: numeric('cash_minor', { precision: 38, scale: 0 }).notNull(),
    leverage: integer('leverage'),
    parentId: uuid('parent_id').references((): AnyPgColumn => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('accounts_user_idx').on(t.userId),
    index('accounts_parent_idx').on(t.parentId),
    unique('accounts_user_name_unique').on(t.userId, t.name),
    check('accounts_cash_non_negative', sql`${t.cashMinor} >= 0`),
    check('accounts_leverage_range', sql`${t.leverage} is null or ${t.leverage} between 1 and 10`),
  ],
);
