import type { Database } from '@tradewind/db';
import { SIMULATED_INSTRUMENTS } from '@tradewind/shared';
import { sql } from 'drizzle-orm';

/**
 * The price each symbol's open position is valued at, in ticks: the close of its newest
 * recorded bar (1 s bars close every second the market trades), else the simulated market's
 * start price. One index lookup per symbol (market_bars' primary key, newest first).
 */
export async function markTicks(db: Database, symbols: Iterable<string>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const symbol of new Set(symbols)) {
    const rows = await db.execute<{ close: string }>(sql`
      select close_ticks::text as close from market_bars
      where symbol = ${symbol} and interval = '1s' and source = 'recorded'
      order by open_time desc limit 1`);
    const close = rows[0]?.close;
    const start = SIMULATED_INSTRUMENTS.find((s) => s.instrument.symbol === symbol)?.startPriceTicks;
    const ticks = close === undefined ? start : Number(close);
    if (ticks !== undefined) out.set(symbol, ticks);
  }
  return out;
}
