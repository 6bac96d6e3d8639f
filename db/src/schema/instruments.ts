import { bigint, integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The venue's instruments; tick and lot sizes are exact decimals. */
export const instruments = pgTable('instruments', {
  symbol: text('symbol').primaryKey(),
  kind: text('kind', { enum: ['crypto', 'stock'] }).notNull(),
  base: text('base').notNull(),
  quote: text('quote').notNull(),
  tickSize: numeric('tick_size').notNull(),
  lotSize: numeric('lot_size').notNull(),
  minQtyLots: integer('min_qty_lots').notNull(),
  minNotionalMinor: bigint('min_notional_minor', { mode: 'number' }).notNull(),
  status: text('status', { enum: ['active', 'halted', 'delisted'] })
    .notNull()
    .default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
