import type { Sql } from '@tradewind/db';
import { loadSettings, type NotificationSettings, saveSettings } from './settings';
import { iso } from './sql-time';

/** Inbox items per page. */
export const INBOX_PAGE_MAX = 100;
/** Devices per user with push subscriptions (a new one past this is refused). */
export const PUSH_SUBSCRIPTIONS_PER_USER_MAX = 20;
/** Dead letters shown per request. */
export const DEAD_LETTERS_MAX = 50;

export type InboxItem = {
  id: number;
  kind: string;
  title: string;
  body: string;
  url: string;
  itemCount: number;
  createdAtMs: number;
  read: boolean;
};

export type DeadLetter = {
  id: number;
  notificationId: number;
  channel: string;
  title: string;
  attempts: number;
  lastError: string | null;
  failedAtMs: number;
};

type InboxRow = {
  id: number;
  kind: string;
  title: string;
  body: string;
  url: string;
  item_count: number;
  created_at_ms: number;
  read: boolean;
};

function toItem(r: InboxRow): InboxItem {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    url: r.url,
    itemCount: r.item_count,
    createdAtMs: r.created_at_ms,
    read: r.read,
  };
}

export type SubscribeResult = { ok: true; id: string } | { ok: false; reason: 'full' };

/**
 * The only door to a user's notification rows: every statement is filtered by `userId`, so
 * another user's ids find nothing (RELIABILITY S4).
 */
export function ownedNotifications(sql: Sql, userId: string) {
  return {
    /** Newest first; `cursor` is the last id of the previous page. */
    async inbox(limit: number, cursor: number | null): Promise<{ items: InboxItem[]; nextCursor: number | null }> {
      const rows = await sql<InboxRow[]>`
        select id::int, kind, title, body, url, item_count, (extract(epoch from created_at) * 1000)::float8 as created_at_ms,
          read_at is not null as read from notifications
        where user_id = ${userId} ${cursor === null ? sql`` : sql`and id < ${cursor}`}
        order by id desc limit ${limit + 1}`;
      const items = rows.slice(0, limit).map(toItem);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
    async unreadCount(): Promise<number> {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`;
      return row?.n ?? 0;
    },
    /** Marks the given ids (or all) read; returns how many changed. Unknown or foreign ids change nothing. */
    async markRead(ids: readonly number[] | 'all', nowMs: number): Promise<number> {
      const rows =
        ids === 'all'
          ? await sql`update notifications set read_at = ${iso(nowMs)} where user_id = ${userId} and read_at is null returning id`
          : await sql`update notifications set read_at = ${iso(nowMs)}
              where user_id = ${userId} and read_at is null and id = any(${[...ids]}::bigint[]) returning id`;
      return rows.length;
    },
    async deadLetters(): Promise<DeadLetter[]> {
      const rows = await sql<
        {
          id: number;
          notification_id: number;
          channel: string;
          title: string;
          attempts: number;
          last_error: string | null;
          failed_at_ms: number;
        }[]
      >`
        select d.id::int, d.notification_id::int, d.channel, n.title, d.attempts, d.last_error,
          (extract(epoch from d.next_attempt_at) * 1000)::float8 as failed_at_ms
        from notification_deliveries d join notifications n on n.id = d.notification_id
        where d.user_id = ${userId} and d.status = 'dead' order by d.id desc limit ${DEAD_LETTERS_MAX}`;
      return rows.map((r) => ({
        id: r.id,
        notificationId: r.notification_id,
        channel: r.channel,
        title: r.title,
        attempts: r.attempts,
        lastError: r.last_error,
        failedAtMs: r.failed_at_ms,
      }));
    },
    settings(): Promise<NotificationSettings> {
      return loadSettings(sql, userId);
    },
    saveSettings(settings: NotificationSettings, nowMs: number): Promise<void> {
      return saveSettings(sql, userId, settings, nowMs);
    },
    /** Stores (or moves to this user) the device's subscription; the endpoint is the device's identity. */
    async subscribePush(
      sub: { endpoint: string; p256dh: string; auth: string; deviceLabel: string | null; vapidKeyId: number },
      nowMs: number,
    ): Promise<SubscribeResult> {
      return sql.begin(async (tx) => {
        const [count] = await tx<{ n: number }[]>`
          select count(*)::int as n from push_subscriptions where user_id = ${userId} and endpoint <> ${sub.endpoint}`;
        if ((count?.n ?? 0) >= PUSH_SUBSCRIPTIONS_PER_USER_MAX) return { ok: false, reason: 'full' } as const;
        const [row] = await tx<{ id: string }[]>`
          insert into push_subscriptions (user_id, endpoint, p256dh, auth, device_label, vapid_key_id, created_at)
          values (${userId}, ${sub.endpoint}, ${sub.p256dh}, ${sub.auth}, ${sub.deviceLabel}, ${sub.vapidKeyId},
            ${iso(nowMs)})
          on conflict (endpoint) do update set user_id = excluded.user_id, p256dh = excluded.p256dh,
            auth = excluded.auth, device_label = excluded.device_label, vapid_key_id = excluded.vapid_key_id
          returning id`;
        return { ok: true, id: row?.id ?? '' } as const;
      });
    },
    /** True when this user had a subscription at that endpoint. */
    async unsubscribePush(endpoint: string): Promise<boolean> {
      const rows =
        await sql`delete from push_subscriptions where user_id = ${userId} and endpoint = ${endpoint} returning id`;
      return rows.length > 0;
    },
    /** A test notification to each of the owner's devices; see recordTestPush. */
    sendTestPush(testId: string, nowMs: number): Promise<{ id: number; devices: number }> {
      return recordTestPush(sql, userId, testId, nowMs);
    },
    async pushSubscriptionIds(): Promise<{ id: string; deviceLabel: string | null; createdAtMs: number }[]> {
      const rows = await sql<{ id: string; device_label: string | null; created_at_ms: number }[]>`
        select id, device_label, (extract(epoch from created_at) * 1000)::float8 as created_at_ms from push_subscriptions where user_id = ${userId} order by created_at`;
      return rows.map((r) => ({ id: r.id, deviceLabel: r.device_label, createdAtMs: r.created_at_ms }));
    },
  };
}

/** A test notification to every push subscription of the user (preferences and quiet hours do not apply: they asked). */
export async function recordTestPush(
  sql: Sql,
  userId: string,
  testId: string,
  nowMs: number,
): Promise<{ id: number; devices: number }> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ id: number }[]>`
      insert into notifications (user_id, dedupe_key, kind, title, body, url, created_at)
      values (${userId}, ${`test:${testId}`}, 'test', 'Notifications are on', 'This is how Tradewind will tell you about fills and alerts.', '#/inbox', ${iso(nowMs)})
      returning id::int`;
    if (!row) throw new Error('insert returned no row');
    const devices = await tx`
      insert into notification_deliveries (notification_id, user_id, channel, target, next_attempt_at)
      select ${row.id}, ${userId}, 'push', id::text, ${iso(nowMs)} from push_subscriptions where user_id = ${userId}
      returning id`;
    return { id: row.id, devices: devices.length };
  });
}
