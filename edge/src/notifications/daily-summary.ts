import type { Sql } from '@tradewind/db';
import { recordNotification } from './record';
import { iso } from './sql-time';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Users summarised per round: bounds one round's work; the next round continues. */
export const SUMMARY_USERS_MAX = 1000;

/** `2026-11-23`: the UTC day that ended most recently before `nowMs`. */
export function summaryDay(nowMs: number): { key: string; startMs: number } {
  const startMs = Math.floor(nowMs / DAY_MS) * DAY_MS - DAY_MS;
  return { key: new Date(startMs).toISOString().slice(0, 10), startMs };
}

/**
 * The daily summary of yesterday (UTC) for every user who was notified of anything then:
 * counts per kind. Idempotent (`summary:<day>` is unique per user), so any instance may
 * run it any number of times; the clock decides which day it is.
 */
export async function runDailySummary(sql: Sql, nowMs: number): Promise<number> {
  const day = summaryDay(nowMs);
  const rows = await sql<{ user_id: string; counts: string | Record<string, number> }[]>`
    select user_id, jsonb_object_agg(kind, n) as counts from (
      select user_id, kind, count(*)::int as n from notifications
      where created_at >= ${iso(day.startMs)} and created_at < ${iso(day.startMs + DAY_MS)}
        and kind not in ('digest', 'test', 'daily_summary')
        and not exists (select 1 from notifications s where s.user_id = notifications.user_id
          and s.dedupe_key = ${`summary:${day.key}`})
      group by user_id, kind) k
    group by user_id order by user_id limit ${SUMMARY_USERS_MAX}`;
  let made = 0;
  for (const row of rows) {
    const counts: Record<string, number> = typeof row.counts === 'string' ? JSON.parse(row.counts) : row.counts;
    const parts = Object.entries(counts).map(([kind, n]) => `${n} × ${kind.replace('_', ' ').replace('.', ' ')}`);
    const message = {
      kind: 'daily_summary' as const,
      title: `Your day: ${day.key}`,
      body: parts.join(', '),
      url: '#/inbox',
      urgent: false,
    };
    const n = { userId: row.user_id, dedupeKey: `summary:${day.key}`, message, eventSeq: null, nowMs };
    const id = await sql.begin((tx) => recordNotification(tx as unknown as Sql, n));
    if (id !== null) made += 1;
  }
  return made;
}
