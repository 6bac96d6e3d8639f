import type { Sql } from '@tradewind/db';
import { assertNever } from '@tradewind/shared';
import type { ChannelSender, Outgoing, PushTarget, SendResult } from './channels/channel';
import { ERROR_CHARS_MAX } from './channels/http';
import type { DeliveryOutcome } from './metrics';
import { defaultSettings, fromRow, type NotificationSettings, type SettingsRow } from './settings';
import { iso } from './sql-time';
import type { Channel } from './types';

/** Attempts per delivery before it becomes a dead letter the user can see. */
export const DELIVERY_ATTEMPTS_MAX = 5;
/** Backoff after attempt n: BASE × 2^(n−1), capped. */
export const RETRY_BACKOFF_BASE_MS = 5_000;
export const RETRY_BACKOFF_MAX_MS = 15 * 60_000;
/**
 * Deliveries claimed per round: bounds the sends in flight from one dispatcher, and how long a
 * round's encryption (~0.5 ms a push) holds the event loop.
 */
export const DISPATCH_BATCH_MAX = 200;
/** A claimed delivery is someone's for this long; a crashed dispatcher's claims lapse and are retried. */
export const DELIVERY_LEASE_MS = 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(RETRY_BACKOFF_MAX_MS, RETRY_BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

type Claimed = Partial<SettingsRow> & {
  has_settings: boolean;
  id: number;
  notification_id: number;
  user_id: string;
  channel: Channel;
  target: string;
  attempts: number;
  kind: string;
  title: string;
  body: string;
  url: string;
  email: string;
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
  vapid_key_id: number | null;
};

/** Claims due deliveries (one statement), with what sending needs: the message, the address, the push keys, the settings. */
async function claimDue(sql: Sql, nowMs: number, limit: number): Promise<Claimed[]> {
  const now = iso(nowMs);
  return sql<Claimed[]>`
    with due as (
      select id from notification_deliveries
      where status = 'pending' and next_attempt_at <= ${now} and (lease_until is null or lease_until <= ${now})
      order by next_attempt_at, id limit ${limit} for update skip locked
    ), claimed as (
      update notification_deliveries d set attempts = d.attempts + 1, lease_until = ${iso(nowMs + DELIVERY_LEASE_MS)}
      from due where d.id = due.id
      returning d.id::int, d.notification_id::int, d.user_id, d.channel, d.target, d.attempts
    )
    select c.*, n.kind, n.title, n.body, n.url, u.email, s.endpoint, s.p256dh, s.auth, s.vapid_key_id::int,
      ns.user_id is not null as has_settings, ns.matrix, ns.quiet_start_min, ns.quiet_end_min, ns.time_zone,
      ns.email_opt_in, ns.phone, ns.telegram_chat_id, ns.webhook_url, ns.webhook_secret, ns.webhook_format
    from claimed c join notifications n on n.id = c.notification_id join users u on u.id = c.user_id
    left join push_subscriptions s on c.channel = 'push' and s.id::text = c.target and s.user_id = c.user_id
    left join notification_settings ns on ns.user_id = c.user_id
    order by c.id`;
}

type Settled = {
  id: number;
  status: 'pending' | 'sent' | 'logged' | 'gone' | 'dead';
  error: string | null;
  nextMs: number;
};

function settlementOf(d: Claimed, result: SendResult, nowMs: number): Settled {
  switch (result.status) {
    case 'sent':
    case 'logged':
      return { id: d.id, status: result.status, error: null, nextMs: nowMs };
    case 'gone':
      return { id: d.id, status: 'gone', error: result.error.slice(0, ERROR_CHARS_MAX), nextMs: nowMs };
    case 'retry':
    case 'failed': {
      const dead = result.status === 'failed' || d.attempts >= DELIVERY_ATTEMPTS_MAX;
      return {
        id: d.id,
        status: dead ? 'dead' : 'pending',
        error: result.error.slice(0, ERROR_CHARS_MAX),
        nextMs: nowMs + backoffMs(d.attempts),
      };
    }
    default:
      return assertNever(result, 'send result');
  }
}

/** Records a round's outcomes in one statement. */
async function settleAll(sql: Sql, rows: readonly Settled[], nowMs: number): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update notification_deliveries d set status = v.status, lease_until = null, last_error = nullif(v.error, ''),
      sent_at = case when v.status in ('sent', 'logged') then to_timestamp(${nowMs}::float8 / 1000.0) else d.sent_at end,
      next_attempt_at = case when v.status in ('pending', 'dead') then to_timestamp(v.next_ms / 1000.0) else d.next_attempt_at end
    from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.status)}::text[],
      ${rows.map((r) => r.error ?? '')}::text[], ${rows.map((r) => r.nextMs)}::float8[]) as v(id, status, error, next_ms)
    where d.id = v.id`;
}

export type DispatchStats = { sent: number; logged: number; gone: number; retried: number; dead: number };

function pushOf(d: Claimed): PushTarget | null {
  return d.endpoint !== null && d.p256dh !== null && d.auth !== null && d.vapid_key_id !== null
    ? { endpoint: d.endpoint, p256dh: d.p256dh, auth: d.auth, vapidKeyId: d.vapid_key_id }
    : null;
}

function settingsOfRow(d: Claimed, cache: Map<string, NotificationSettings>): NotificationSettings {
  let settings = cache.get(d.user_id);
  if (settings === undefined) {
    settings = d.has_settings ? fromRow(d as SettingsRow) : defaultSettings();
    cache.set(d.user_id, settings);
  }
  return settings;
}

/** A round: what it did (known once its sends are done) and when its outcomes are recorded. */
export type DispatchRound = { readonly stats: DispatchStats; readonly settled: Promise<void> };

/**
 * One round: claim due deliveries, send each through its channel (concurrently, at most
 * DISPATCH_BATCH_MAX), record the outcomes. A sender that throws is a bug in our code: the
 * delivery is retried like a failed send, never lost. The outcomes are recorded after `after`
 * (the previous round's record) and not awaited here, so the next round's claim overlaps this
 * record: claimed rows hold a lease, so the next claim cannot take them again meanwhile.
 */
export async function dispatchRound(
  sql: Sql,
  senders: Readonly<Record<Channel, ChannelSender>>,
  nowMs: () => number,
  observe: (channel: Channel, outcome: DeliveryOutcome) => void = () => {},
  after: Promise<unknown> = Promise.resolve(),
): Promise<DispatchRound> {
  const stats: DispatchStats = { sent: 0, logged: 0, gone: 0, retried: 0, dead: 0 };
  const claimed = await claimDue(sql, nowMs(), DISPATCH_BATCH_MAX);
  if (claimed.length === 0) return { stats, settled: Promise.resolve() };
  const settings = new Map<string, NotificationSettings>();
  const settled = await Promise.all(
    claimed.map(async (d) => {
      const out: Outgoing = {
        deliveryId: d.id,
        notificationId: d.notification_id,
        userId: d.user_id,
        channel: d.channel,
        target: d.target,
        kind: d.kind,
        title: d.title,
        body: d.body,
        url: d.url,
        email: d.email,
        settings: settingsOfRow(d, settings),
        push: pushOf(d),
      };
      const result = await senders[d.channel](out).catch(
        (err: unknown): SendResult => ({ status: 'retry', error: `sender threw: ${String(err)}` }),
      );
      observe(d.channel, count(stats, result, d.attempts));
      return settlementOf(d, result, nowMs());
    }),
  );
  const at = nowMs();
  const record = () => settleAll(sql, settled, at);
  return { stats, settled: after.then(record, record) };
}

/** One round, recorded before it returns (tests and tools). */
export async function dispatchDue(
  sql: Sql,
  senders: Readonly<Record<Channel, ChannelSender>>,
  nowMs: () => number,
  observe?: (channel: Channel, outcome: DeliveryOutcome) => void,
): Promise<DispatchStats> {
  const round = await dispatchRound(sql, senders, nowMs, observe);
  await round.settled;
  return round.stats;
}

function count(stats: DispatchStats, result: SendResult, attempts: number): DeliveryOutcome {
  if (result.status === 'sent' || result.status === 'logged' || result.status === 'gone') {
    stats[result.status] += 1;
    return result.status;
  }
  if (result.status === 'failed' || attempts >= DELIVERY_ATTEMPTS_MAX) {
    stats.dead += 1;
    return 'dead';
  }
  stats.retried += 1;
  return 'retry';
}
