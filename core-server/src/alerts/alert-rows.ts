import type { Sql } from '@tradewind/db';
import type { PriceAlert } from '@tradewind/shared/alerts';
import type { TransactionSql } from 'postgres';

type AlertRow = {
  id: string;
  symbol: string;
  condition: PriceAlert['condition'];
  threshold_ticks: string;
  reference_ticks: string;
  created_ms: number;
};

const toAlert = (r: AlertRow): PriceAlert => ({
  id: r.id,
  symbol: r.symbol,
  condition: r.condition,
  thresholdTicks: Number(r.threshold_ticks),
  referenceTicks: Number(r.reference_ticks),
});

// Times as epoch-ms numbers: drizzle's driver changes postgres.js' Date parsing on the shared client.
/** Active alerts created at or after `sinceMs` (all of them with null), oldest first. */
export async function loadActiveAlerts(
  sql: Sql,
  sinceMs: number | null,
): Promise<{ alerts: PriceAlert[]; newestMs: number | null }> {
  // An ISO string, not a Date: drizzle's driver turns off postgres.js' Date serializer on the shared client.
  const since = new Date(sinceMs ?? 0).toISOString();
  const rows = await sql<AlertRow[]>`
    select id, symbol, condition, threshold_ticks, reference_ticks,
           (extract(epoch from created_at) * 1000)::float8 as created_ms
    from price_alerts where status = 'active' and created_at >= ${since} order by created_at`;
  const last = rows[rows.length - 1];
  return { alerts: rows.map(toAlert), newestMs: last === undefined ? null : last.created_ms };
}

export type FiredAlert = { readonly alert: PriceAlert; readonly priceTicks: number; readonly timeMs: number };

export type TriggeredRow = {
  id: string;
  user_id: string;
  symbol: string;
  condition: string;
  threshold: string;
  note: string;
  triggered_ticks: string;
  triggered_ms: number;
};

/**
 * Marks fired alerts triggered, only those still active: one deleted meanwhile, or marked by
 * an earlier run, is left alone and returns nothing (so it emits no event).
 */
export async function markTriggered(tx: TransactionSql, fired: readonly FiredAlert[]): Promise<TriggeredRow[]> {
  return tx<TriggeredRow[]>`
    update price_alerts a
    set status = 'triggered', triggered_ticks = f.ticks,
        triggered_at = 'epoch'::timestamptz + f.ms * interval '1 millisecond'
    from unnest(
      ${fired.map((f) => f.alert.id)}::text[], ${fired.map((f) => f.priceTicks)}::bigint[],
      ${fired.map((f) => f.timeMs)}::bigint[]
    ) as f(id, ticks, ms)
    where a.id = f.id::uuid and a.status = 'active'
    returning a.id, a.user_id, a.symbol, a.condition, a.threshold::text as threshold, a.note,
              a.triggered_ticks, (extract(epoch from a.triggered_at) * 1000)::float8 as triggered_ms`;
}
