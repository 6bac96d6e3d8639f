import type { Sql } from '@tradewind/db';

/** A trade on the wire: `[timeMs, seq, priceTicks, qtyLots, aggressor]`. */
export type TradeRow = readonly [
  timeMs: number,
  seq: number,
  priceTicks: number,
  qtyLots: number,
  aggressor: 'buy' | 'sell',
];

/** Where the next page starts: strictly after this (time, seq). Opaque to clients. */
type Cursor = { readonly timeMs: number; readonly seq: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.timeMs}:${c.seq}`).toString('base64url');
}

/** The cursor, or null when it is not one we made. */
export function decodeCursor(text: string): Cursor | null {
  const m = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString());
  return m ? { timeMs: Number(m[1]), seq: Number(m[2]) } : null;
}

export type TradesQuery = { symbol: string; fromMs: number; toMs: number; limit: number; after: Cursor | null };
export type TradesPage = { trades: TradeRow[]; nextCursor: string | null };

// drizzle's postgres.js setup passes timestamps through as text: send ISO strings.
const iso = (ms: number) => new Date(ms).toISOString();

type Row = { t: string; seq: string; p: string; q: string; a: 'buy' | 'sell' };

/** One page of recorded trades in `[fromMs, toMs)` by (time, seq), and the cursor of the next. */
export async function readTrades(sql: Sql, q: TradesQuery): Promise<TradesPage> {
  const after = q.after ?? { timeMs: q.fromMs - 1, seq: Number.MAX_SAFE_INTEGER };
  const rows = await sql<Row[]>`
    select (extract(epoch from ts) * 1000)::bigint as t, seq, price_ticks as p, qty_lots as q, aggressor as a
    from market_trades
    where symbol = ${q.symbol} and ts >= ${iso(q.fromMs)} and ts < ${iso(q.toMs)}
      and (ts, seq) > (${iso(after.timeMs)}, ${after.seq})
    order by ts, seq
    limit ${q.limit + 1}`;
  const page = rows.slice(0, q.limit).map((r): TradeRow => [Number(r.t), Number(r.seq), Number(r.p), Number(r.q), r.a]);
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ timeMs: last[0], seq: last[1] }) : null;
  return { trades: page, nextCursor };
}
