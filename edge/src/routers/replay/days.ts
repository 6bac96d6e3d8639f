import type { Sql } from '@tradewind/db';

/** Days offered for a replay: enough for a month of practice, bounded like every list. */
export const RECORDED_DAYS_MAX = 31;

/**
 * The UTC days (newest first) on which core recorded the symbol, from its own daily bars
 * (`market_bars`, interval 1d, source recorded: one row per day that had trades). A day still
 * in progress has no closed 1d bar yet, so today comes from its 1-second bars (at most 86,400
 * rows of one index range; they exist from core's first second of trading).
 */
export async function recordedDays(
  sql: Sql,
  symbol: string,
): Promise<{ day: string; fromMs: number; trades: number }[]> {
  const rows = await sql<{ t: string; n: string }[]>`
    select (extract(epoch from d) * 1000)::bigint as t, sum(n)::bigint as n from (
      select open_time as d, trade_count as n from market_bars
        where symbol = ${symbol} and interval = '1d' and source = 'recorded'
      union all
      select date_trunc('day', open_time at time zone 'UTC') at time zone 'UTC' as d, trade_count as n from market_bars
        where symbol = ${symbol} and interval = '1s' and source = 'recorded' and open_time >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'
    ) days group by d order by d desc limit ${RECORDED_DAYS_MAX}`;
  return rows.map((r) => {
    const fromMs = Number(r.t);
    return { day: new Date(fromMs).toISOString().slice(0, 10), fromMs, trades: Number(r.n) };
  });
}
