import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import { quietDelayMs } from './quiet-hours';
import { loadSettings, type NotificationSettings } from './settings';
import { iso } from './sql-time';
import type { Channel, Message, NotificationKind } from './types';

/** At most this many notifications per user per window go out on their own ... */
export const RATE_LIMIT_PER_WINDOW = 5;
/** ... the rest of the window's are folded into one digest, sent when the window closes. */
export const RATE_WINDOW_MS = 60_000;

export type NewNotification = {
  readonly userId: string;
  /** Unique per user: `event:<seq>` makes a redelivered bus event a no-op. */
  readonly dedupeKey: string;
  readonly message: Message;
  readonly eventSeq: number | null;
  readonly nowMs: number;
};

type Target = { readonly channel: Channel; readonly target: string };

/** Where each chosen channel reaches this user now; channels without an address are skipped. */
async function targetsOf(sql: Sql, userId: string, channels: readonly Channel[], s: NotificationSettings) {
  const targets: Target[] = [];
  for (const channel of channels) {
    if (channel === 'push') {
      const subs = await sql<{ id: string }[]>`select id from push_subscriptions where user_id = ${userId}`;
      for (const sub of subs) targets.push({ channel, target: sub.id });
    } else if (
      channel === 'email'
        ? s.emailOptIn
        : channel === 'sms'
          ? s.phone
          : channel === 'telegram'
            ? s.telegramChatId
            : s.webhookUrl
    ) {
      targets.push({ channel, target: '' });
    }
  }
  return targets;
}

/** When a delivery may first be tried: quiet hours hold non-urgent messages (webhooks are automation: never held). */
function firstAttemptMs(channel: Channel, message: Message, s: NotificationSettings, nowMs: number): number {
  if (message.urgent || channel === 'webhook') return nowMs;
  return nowMs + quietDelayMs(s.quiet, nowMs);
}

async function insertDeliveries(
  sql: Sql,
  notificationId: number,
  userId: string,
  rows: readonly (Target & { atMs: number })[],
) {
  if (rows.length === 0) return;
  await sql`
    insert into notification_deliveries (notification_id, user_id, channel, target, next_attempt_at)
    select ${notificationId}, ${userId}, channel, target, to_timestamp(at_ms / 1000.0)
    from unnest(${rows.map((r) => r.channel)}::text[], ${rows.map((r) => r.target)}::text[],
      ${rows.map((r) => r.atMs)}::float8[]) as t(channel, target, at_ms)
    on conflict (notification_id, channel, target) do nothing`;
}

/**
 * Writes a notification to the inbox and schedules its deliveries, in the caller's
 * transaction. Returns the new id, or null when this dedupe key was already recorded.
 */
export async function recordNotification(sql: Sql, n: NewNotification): Promise<number | null> {
  const { message } = n;
  const [row] = await sql<{ id: number }[]>`
    insert into notifications (user_id, dedupe_key, kind, title, body, url, event_seq, created_at)
    values (${n.userId}, ${n.dedupeKey}, ${message.kind}, ${message.title}, ${message.body}, ${message.url},
      ${n.eventSeq}, ${iso(n.nowMs)})
    on conflict (user_id, dedupe_key) do nothing returning id::int`;
  if (!row) return null;
  const settings = await loadSettings(sql, n.userId);
  const channels = message.kind === 'digest' || message.kind === 'test' ? [] : settings.matrix[message.kind];
  const targets = await targetsOf(sql, n.userId, channels, settings);
  if (targets.length === 0) return row.id;
  if (!message.urgent && (await overRateLimit(sql, n, row.id))) {
    await foldIntoDigest(sql, n, row.id, targets, settings);
    return row.id;
  }
  const rows = targets.map((t) => ({ ...t, atMs: firstAttemptMs(t.channel, message, settings, n.nowMs) }));
  await insertDeliveries(sql, row.id, n.userId, rows);
  return row.id;
}

function windowStartMs(nowMs: number): number {
  return Math.floor(nowMs / RATE_WINDOW_MS) * RATE_WINDOW_MS;
}

/** Whether this window already sent RATE_LIMIT_PER_WINDOW notifications on their own. */
async function overRateLimit(sql: Sql, n: NewNotification, id: number): Promise<boolean> {
  const [row] = await sql<{ sent: number }[]>`
    select count(distinct d.notification_id)::int as sent from notification_deliveries d
    join notifications m on m.id = d.notification_id
    where d.user_id = ${n.userId} and m.created_at >= ${iso(windowStartMs(n.nowMs))}
      and m.kind <> 'digest' and m.id <> ${id}`;
  assert(row !== undefined, 'count returns a row');
  return row.sent >= RATE_LIMIT_PER_WINDOW;
}

/** Marks the notification digested and adds it to its window's digest, which goes out when the window closes. */
async function foldIntoDigest(
  sql: Sql,
  n: NewNotification,
  id: number,
  targets: readonly Target[],
  s: NotificationSettings,
) {
  await sql`update notifications set digested = true where id = ${id}`;
  const start = windowStartMs(n.nowMs);
  const digest = await upsertDigest(sql, n.userId, start, n.nowMs);
  const atMs = start + RATE_WINDOW_MS;
  const rows = targets.map((t) => ({
    ...t,
    atMs: atMs + quietDelayMs(t.channel === 'webhook' ? null : s.quiet, atMs),
  }));
  await insertDeliveries(sql, digest, n.userId, rows);
}

async function upsertDigest(sql: Sql, userId: string, startMs: number, nowMs: number): Promise<number> {
  const counts = await sql<{ kind: NotificationKind; count: number }[]>`
    select kind, count(*)::int as count from notifications
    where user_id = ${userId} and digested and created_at >= ${iso(startMs)}
      and created_at < ${iso(startMs + RATE_WINDOW_MS)}
    group by kind order by count desc, kind`;
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const body = counts.map((c) => `${c.count} × ${c.kind.replace('_', ' ').replace('.', ' ')}`).join(', ');
  const [row] = await sql<{ id: number }[]>`
    insert into notifications (user_id, dedupe_key, kind, title, body, url, item_count, created_at)
    values (${userId}, ${`digest:${startMs}`}, 'digest', ${`${total} more notifications`}, ${body}, '#/inbox', ${total},
      ${iso(nowMs)})
    on conflict (user_id, dedupe_key) do update set title = excluded.title, body = excluded.body,
      item_count = excluded.item_count
    returning id::int`;
  assert(row !== undefined, 'upsert returns the digest');
  return row.id;
}
