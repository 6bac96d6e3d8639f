import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Market-data store: trades, quotes (BBO) and bars.
 *
 * Units: prices are integer ticks and quantities integer lots of the instrument's steps
 * (`instruments.tick_size` / `lot_size`), like everywhere else in Tradewind. A symbol's
 * steps are therefore fixed once it has recorded data: changing them needs a data
 * migration. Integers keep COPY ingest cheap and make every stored price on-grid by
 * construction; decimal strings are made at the wire.
 *
 * Time-series tables are append-mostly in time order, so a BRIN index on the timestamp
 * is tiny and serves range scans; a btree on (symbol, time) is kept only for bars,
 * which are read per symbol and written at most once per interval.
 */

/** Intervals that bars are aggregated and stored at. */
export const BAR_INTERVALS = ['1s', '1m', '5m', '15m', '1h', '1d'] as const;
export type BarInterval = (typeof BAR_INTERVALS)[number];

/** Aggressor side of a trade: the side of the incoming (taking) order. */
export const AGGRESSOR_SIDES = ['buy', 'sell'] as const;

/** Every trade printed by a feed, in feed order (`seq` per symbol, from the feed). */
export const marketTrades = pgTable(
  'market_trades',
  {
    symbol: text('symbol').notNull(),
    ts: timestamp('ts', { withTimezone: true, precision: 3 }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    priceTicks: bigint('price_ticks', { mode: 'number' }).notNull(),
    qtyLots: bigint('qty_lots', { mode: 'number' }).notNull(),
    aggressor: text('aggressor', { enum: AGGRESSOR_SIDES }).notNull(),
  },
  (t) => [
    index('market_trades_ts_brin').using('brin', t.ts),
    check('market_trades_positive', sql`${t.priceTicks} > 0 and ${t.qtyLots} > 0`),
    check('market_trades_aggressor', sql`${t.aggressor} in ('buy', 'sell')`),
  ],
);

/** Best bid and offer snapshots; a side is null while that side of the book is empty. */
export const marketQuotes = pgTable(
  'market_quotes',
  {
    symbol: text('symbol').notNull(),
    ts: timestamp('ts', { withTimezone: true, precision: 3 }).notNull(),
    bidTicks: bigint('bid_ticks', { mode: 'number' }),
    bidLots: bigint('bid_lots', { mode: 'number' }),
    askTicks: bigint('ask_ticks', { mode: 'number' }),
    askLots: bigint('ask_lots', { mode: 'number' }),
  },
  (t) => [
    index('market_quotes_ts_brin').using('brin', t.ts),
    check(
      'market_quotes_sides',
      sql`(${t.bidTicks} is null) = (${t.bidLots} is null) and (${t.askTicks} is null) = (${t.askLots} is null)`,
    ),
  ],
);

/**
 * OHLCV bars. Sources coexist: each source keeps its own rows (`source` is part of the
 * key), so an import never overwrites what core recorded and vice versa. Readers choose
 * one source, or take them in a preference order (recorded, then csv, then ccxt).
 * `source` is 'recorded' (aggregated by core), 'csv' (imported) or 'ccxt:<exchange id>'.
 * `open_time` is the start of the interval (UTC, aligned to the interval; 1d at 00:00 UTC).
 */
export const marketBars = pgTable(
  'market_bars',
  {
    symbol: text('symbol').notNull(),
    interval: text('interval', { enum: BAR_INTERVALS }).notNull(),
    source: text('source').notNull(),
    openTime: timestamp('open_time', { withTimezone: true, precision: 3 }).notNull(),
    openTicks: bigint('open_ticks', { mode: 'number' }).notNull(),
    highTicks: bigint('high_ticks', { mode: 'number' }).notNull(),
    lowTicks: bigint('low_ticks', { mode: 'number' }).notNull(),
    closeTicks: bigint('close_ticks', { mode: 'number' }).notNull(),
    volumeLots: bigint('volume_lots', { mode: 'number' }).notNull(),
    tradeCount: integer('trade_count').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'market_bars_pk',
      columns: [t.symbol, t.interval, t.source, t.openTime],
    }),
    check('market_bars_interval', sql`${t.interval} in ('1s', '1m', '5m', '15m', '1h', '1d')`),
    check('market_bars_source', sql`${t.source} ~ '^(recorded|csv|ccxt:[a-z0-9]+)$'`),
    check(
      'market_bars_ohlc',
      sql`${t.lowTicks} > 0 and ${t.lowTicks} <= least(${t.openTicks}, ${t.closeTicks}) and ${t.highTicks} >= greatest(${t.openTicks}, ${t.closeTicks})`,
    ),
    check('market_bars_counts', sql`${t.volumeLots} >= 0 and ${t.tradeCount} >= 0`),
  ],
);
