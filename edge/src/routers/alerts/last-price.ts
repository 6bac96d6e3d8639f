import { type Database, schema } from '@tradewind/db';
import { SIMULATED_INSTRUMENTS } from '@tradewind/shared';
import { and, desc, eq } from 'drizzle-orm';

const { marketBars } = schema;

/**
 * The last price of a symbol in ticks, for the absurd-price band: the close of the newest
 * recorded 1-minute bar, else the simulated market's start price, else null (no band).
 */
export async function lastPriceTicks(db: Database, symbol: string): Promise<number | null> {
  const [bar] = await db
    .select({ close: marketBars.closeTicks })
    .from(marketBars)
    .where(and(eq(marketBars.symbol, symbol), eq(marketBars.interval, '1m')))
    .orderBy(desc(marketBars.openTime))
    .limit(1);
  if (bar !== undefined) return bar.close;
  return SIMULATED_INSTRUMENTS.find((s) => s.instrument.symbol === symbol)?.startPriceTicks ?? null;
}
