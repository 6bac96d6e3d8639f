import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import { quietDelayMs } from './quiet-hours';
import { defaultSettings, type NotificationSettings, settingsOf } from './settings';
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
type Delivery = Target & { readonly notificationId: number; readonly userId: string; readonly atMs: number };
type Digest = {
  userId: string;
  windowStartMs: number;
  targets: Map<string, Target>;
  ids: number[];
  quiet: NotificationSettings;
};

function windowStartMs(nowMs: number): number {
  return Math.floor(nowMs / RATE_WINDOW_MS) * RATE_WINDOW_MS;
}

/** Writes one notification; see recordNotifications. */
export async function recordNotification(sql: Sql, n: NewNotification): Promise<number | null> {
  return (await recordNotifications(sql, [n]))[0] ?? null;
}

/**
 * Writes notifications to the inbox and schedules their deliveries, in the caller's
 * transaction, with a fixed number of statements per batch (plus two per user whose
 * window overflows into a digest). Returns each one's new id, or null when its dedupe key
 * was already recorded (a redelivered event).
 */
export async function recordNotifications(sql: Sql, items: readonly NewNotification[]): Promise<(number | null)[]> {
  if (items.length === 0) return [];
  const ids = await insertInbox(sql, items);
  const fresh = items.flatMap((n, i) => (ids[i] === null ? [] : [{ n, id: ids[i] as number }]));
  if (fresh.length === 0) return ids;
  const users = [...new Set(fresh.map((f) => f.n.userId))];
  const [settings, subscriptions, sent] = await Promise.all([
    settingsOf(sql, users),
    subscriptionsOf(sql, users),
    sentInWindows(sql, users, Math.min(...fresh.map((f) => windowStartMs(f.n.nowMs)))),
  ]);
  const deliveries: Delivery[] = [];
  const digests = new Map<string, Digest>();
  for (const { n, id } of fresh) {
    const s = settings.get(n.userId) ?? defaultSettings();
    const targets = targetsOf(n.message, s, subscriptions.get(n.userId) ?? []);
    if (targets.length === 0) continue;
    const key = `${n.userId}|${windowStartMs(n.nowMs)}`;
    const count = sent.get(key) ?? 0;
    if (!n.message.urgent && count >= RATE_LIMIT_PER_WINDOW) {
      addToDigest(digests, n, id, targets, s);
      continue;
    }
    sent.set(key, count + 1);
    for (const t of targets)
      deliveries.push({
        ...t,
        notificationId: id,
        userId: n.userId,
        atMs: firstAttemptMs(t.channel, n.message, s, n.nowMs),
      });
  }
  for (const digest of digests.values()) deliveries.push(...(await writeDigest(sql, digest)));
  await insertDeliveries(sql, deliveries);
  return ids;
}

async function insertInbox(sql: Sql, items: readonly NewNotification[]): Promise<(number | null)[]> {
  const rows = await sql<{ id: number; user_id: string; dedupe_key: string }[]>`
    insert into notifications (user_id, dedupe_key, kind, title, body, url, event_seq, created_at)
    select u, k, kind, title, body, url, nullif(seq, '')::bigint, to_timestamp(at_ms / 1000.0)
    from unnest(${items.map((n) => n.userId)}::uuid[], ${items.map((n) => n.dedupeKey)}::text[],
      ${items.map((n) => n.message.kind)}::text[], ${items.map((n) => n.message.title)}::text[],
      ${items.map((n) => n.message.body)}::text[], ${items.map((n) => n.message.url)}::text[],
      ${items.map((n) => (n.eventSeq === null ? '' : String(n.eventSeq)))}::text[],
      ${items.map((n) => n.nowMs)}::float8[]) as t(u, k, kind, title, body, url, seq, at_ms)
    on conflict (user_id, dedupe_key) do nothing
    returning id::int, user_id, dedupe_key`;
  const byKey = new Map(rows.map((r) => [`${r.user_id}|${r.dedupe_key}`, r.id]));
  // A key repeated inside one batch is inserted once: only its first occurrence gets the id.
  return items.map((n) => {
    const key = `${n.userId}|${n.dedupeKey}`;
    const id = byKey.get(key);
    byKey.delete(key);
    return id ?? null;
  });
}

async function subscriptionsOf(sql: Sql, users: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await sql<{ id: string; user_id: string }[]>`
    select id, user_id from push_subscriptions where user_id = any(${users}::uuid[]) order by created_at`;
  const byUser = new Map<string, string[]>();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.id]);
  return byUser;
}

/** Per `user|windowStart`: notifications that already went out on their own (they have deliveries). */
async function sentInWindows(sql: Sql, users: readonly string[], fromMs: number): Promise<Map<string, number>> {
  const rows = await sql<{ user_id: string; window_ms: number; n: number }[]>`
    select m.user_id, (floor(extract(epoch from m.created_at) * 1000 / ${RATE_WINDOW_MS}) * ${RATE_WINDOW_MS})::float8 as window_ms,
      count(*)::int as n
    from notifications m
    where m.user_id = any(${users}::uuid[]) and m.created_at >= to_timestamp(${fromMs}::float8 / 1000.0)
      and m.kind <> 'digest' and not m.digested
      and exists (select 1 from notification_deliveries d where d.notification_id = m.id)
    group by 1, 2`;
  return new Map(rows.map((r) => [`${r.user_id}|${r.window_ms}`, r.n]));
}

/** Where the message's chosen channels reach this user now; channels without an address are skipped. */
function targetsOf(message: Message, s: NotificationSettings, pushIds: readonly string[]): Target[] {
  const channels = message.kind === 'digest' || message.kind === 'test' ? [] : s.matrix[message.kind];
  const targets: Target[] = [];
  for (const channel of channels) {
    if (channel === 'push') targets.push(...pushIds.map((target) => ({ channel, target })));
    else if (addressOf(channel, s)) targets.push({ channel, target: '' });
  }
  return targets;
}

function addressOf(channel: Exclude<Channel, 'push'>, s: NotificationSettings): boolean {
  if (channel === 'email') return s.emailOptIn;
  if (channel === 'sms') return s.phone !== null;
  if (channel === 'telegram') return s.telegramChatId !== null;
  return s.webhookUrl !== null;
}

/** When a delivery may first be tried: quiet hours hold non-urgent messages (webhooks are automation: never held). */
function firstAttemptMs(channel: Channel, message: Message, s: NotificationSettings, nowMs: number): number {
  if (message.urgent || channel === 'webhook') return nowMs;
  return nowMs + quietDelayMs(s.quiet, nowMs);
}

function addToDigest(
  digests: Map<string, Digest>,
  n: NewNotification,
  id: number,
  targets: readonly Target[],
  s: NotificationSettings,
) {
  const start = windowStartMs(n.nowMs);
  const key = `${n.userId}|${start}`;
  const digest: Digest = digests.get(key) ?? {
    userId: n.userId,
    windowStartMs: start,
    targets: new Map(),
    ids: [],
    quiet: s,
  };
  digest.ids.push(id);
  for (const t of targets) digest.targets.set(`${t.channel}|${t.target}`, t);
  digests.set(key, digest);
}

/** Marks the items digested and (re)writes their window's digest, which goes out when the window closes. */
async function writeDigest(sql: Sql, d: Digest): Promise<Delivery[]> {
  await sql`update notifications set digested = true where id = any(${d.ids}::bigint[])`;
  const counts = await sql<{ kind: NotificationKind; count: number }[]>`
    select kind, count(*)::int as count from notifications
    where user_id = ${d.userId} and digested and created_at >= to_timestamp(${d.windowStartMs}::float8 / 1000.0)
      and created_at < to_timestamp(${d.windowStartMs + RATE_WINDOW_MS}::float8 / 1000.0)
    group by kind order by count desc, kind`;
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const body = counts.map((c) => `${c.count} × ${c.kind.replace('_', ' ').replace('.', ' ')}`).join(', ');
  const [row] = await sql<{ id: number }[]>`
    insert into notifications (user_id, dedupe_key, kind, title, body, url, item_count, created_at)
    values (${d.userId}, ${`digest:${d.windowStartMs}`}, 'digest', ${`${total} more notifications`}, ${body}, '#/inbox',
      ${total}, to_timestamp(${d.windowStartMs}::float8 / 1000.0))
    on conflict (user_id, dedupe_key) do update set title = excluded.title, body = excluded.body,
      item_count = excluded.item_count
    returning id::int`;
  assert(row !== undefined, 'upsert returns the digest');
  const atMs = d.windowStartMs + RATE_WINDOW_MS;
  return [...d.targets.values()].map((t) => ({
    ...t,
    notificationId: row.id,
    userId: d.userId,
    atMs: atMs + quietDelayMs(t.channel === 'webhook' ? null : d.quiet.quiet, atMs),
  }));
}

async function insertDeliveries(sql: Sql, rows: readonly Delivery[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into notification_deliveries (notification_id, user_id, channel, target, next_attempt_at)
    select n, u, channel, target, to_timestamp(at_ms / 1000.0)
    from unnest(${rows.map((r) => r.notificationId)}::bigint[], ${rows.map((r) => r.userId)}::uuid[],
      ${rows.map((r) => r.channel)}::text[], ${rows.map((r) => r.target)}::text[],
      ${rows.map((r) => r.atMs)}::float8[]) as t(n, u, channel, target, at_ms)
    on conflict (notification_id, channel, target) do nothing`;
}
