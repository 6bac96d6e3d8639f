import type { Sql } from '@tradewind/db';
import { recordNotification } from './record';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Users summarised per round: bounds one round's work; the next round continues. */
export const SUMMARY_USERS_MAX = 1000;
/** No zone is further than this from UTC (UTC−12 … UTC+14), with room for a DST hour. */
const ZONE_OFFSET_MS_MAX = 16 * 60 * 60 * 1000;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-10-25`: the calendar date in `timeZone` at the instant `ms` (Intl, the runtime's tz database). */
export function localDateOf(ms: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (format === undefined) {
    // en-CA formats dates as YYYY-MM-DD; the parts are read anyway, not the string.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The date before `date` (YYYY-MM-DD), on the proleptic Gregorian calendar. */
function previousDate(date: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first millisecond whose local date in `timeZone` is `date` or later: local midnight, or
 * the first instant after it when a DST change skips midnight. Binary search over instants (the
 * local date never decreases as time goes on, bar a few historical fall-backs over midnight).
 */
export function startOfLocalDateMs(date: string, timeZone: string): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  let lo = utcMidnight - ZONE_OFFSET_MS_MAX; // local date before `date`
  let hi = utcMidnight + ZONE_OFFSET_MS_MAX; // local date is `date` or after
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDateOf(mid, timeZone) >= date) hi = mid;
    else lo = mid;
  }
  return hi;
}

export type LocalDay = { readonly date: string; readonly startMs: number; readonly endMs: number };

/** The local calendar day in `timeZone` that ended most recently before `nowMs` (23, 24 or 25 hours long). */
export function previousLocalDay(nowMs: number, timeZone: string): LocalDay {
  const today = localDateOf(nowMs, timeZone);
  const date = previousDate(today);
  return { date, startMs: startOfLocalDateMs(date, timeZone), endMs: startOfLocalDateMs(today, timeZone) };
}

type Counted = { user_id: string; day: string; counts: string | Record<string, number> };

/**
 * Per user in one of `zones` (their notification settings' time zone, UTC without settings):
 * counts per kind of what they were told during their previous local day, unless that day's
 * summary exists. One statement for every zone.
 */
async function countsPerUser(sql: Sql, zones: ReadonlyMap<string, LocalDay>): Promise<Counted[]> {
  const z = [...zones.entries()];
  return sql<Counted[]>`
    with zones as (
      select * from unnest(${z.map(([zone]) => zone)}::text[], ${z.map(([, d]) => d.date)}::text[],
        ${z.map(([, d]) => d.startMs)}::float8[], ${z.map(([, d]) => d.endMs)}::float8[]) as t(zone, day, start_ms, end_ms)
    )
    select user_id, day, jsonb_object_agg(kind, n) as counts from (
      select n.user_id, z.day, n.kind, count(*)::int as n
      from notifications n
      left join notification_settings s on s.user_id = n.user_id
      join zones z on z.zone = coalesce(s.time_zone, 'UTC')
      where n.created_at >= to_timestamp(z.start_ms / 1000.0) and n.created_at < to_timestamp(z.end_ms / 1000.0)
        and n.kind not in ('digest', 'test', 'daily_summary')
        and not exists (select 1 from notifications d where d.user_id = n.user_id and d.dedupe_key = 'summary:' || z.day)
      group by n.user_id, z.day, n.kind) k
    group by user_id, day order by user_id limit ${SUMMARY_USERS_MAX}`;
}

/**
 * The daily summary of each user's previous LOCAL calendar day (the time zone of their
 * notification settings: the PWA's settings screen, quiet hours use it too), for users who
 * were notified of anything then: counts per kind. It is made at the first run after their
 * local midnight, and once per local day: `summary:<local date>` is unique per user, so any
 * instance may run it any number of times.
 */
export async function runDailySummary(sql: Sql, nowMs: number): Promise<number> {
  const zoneRows = await sql<{ zone: string }[]>`
    select distinct time_zone as zone from notification_settings union select 'UTC'`;
  const zones = new Map<string, LocalDay>();
  for (const { zone } of zoneRows) {
    try {
      zones.set(zone, previousLocalDay(nowMs, zone));
    } catch {
      // A zone this runtime's tz database lacks (settings validate zones when saved): skip it.
    }
  }
  const rows = await countsPerUser(sql, zones);
  let made = 0;
  for (const row of rows) {
    const counts: Record<string, number> = typeof row.counts === 'string' ? JSON.parse(row.counts) : row.counts;
    const parts = Object.entries(counts).map(([kind, n]) => `${n} × ${kind.replace('_', ' ').replace('.', ' ')}`);
    const message = {
      kind: 'daily_summary' as const,
      title: `Your day: ${row.day}`,
      body: parts.join(', '),
      url: '#/inbox',
      urgent: false,
    };
    const n = { userId: row.user_id, dedupeKey: `summary:${row.day}`, message, eventSeq: null, nowMs };
    const id = await sql.begin((tx) => recordNotification(tx as unknown as Sql, n));
    if (id !== null) made += 1;
  }
  return made;
}
