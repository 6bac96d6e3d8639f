import { INSTRUMENTS } from '@tradewind/shared';
import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { runMigrations } from './migrate';
import { instruments } from './schema/index';
import { ensureSigningKey } from './signing-keys';

/** Upserts the built-in instrument catalog so that the database and the code agree. */
export async function seedInstruments(db: Database): Promise<void> {
  const rows = INSTRUMENTS.map((i) => ({
    symbol: i.symbol,
    kind: i.kind,
    base: i.base,
    quote: i.quote,
    tickSize: i.tickSize,
    lotSize: i.lotSize,
    minQtyLots: i.minQtyLots,
    minNotionalMinor: i.minNotionalMinor,
  }));
  await db
    .insert(instruments)
    .values(rows)
    .onConflictDoUpdate({
      target: instruments.symbol,
      set: {
        kind: sql`excluded.kind`,
        base: sql`excluded.base`,
        quote: sql`excluded.quote`,
        tickSize: sql`excluded.tick_size`,
        lotSize: sql`excluded.lot_size`,
        minQtyLots: sql`excluded.min_qty_lots`,
        minNotionalMinor: sql`excluded.min_notional_minor`,
      },
    });
}

/** Everything a fresh database needs before core and edge start: schema, catalog, keys. */
export async function prepareDatabase(url: string, db: Database): Promise<void> {
  await runMigrations(url);
  await seedInstruments(db);
  await ensureSigningKey(db);
}
