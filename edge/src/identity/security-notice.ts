import { type Database, schema } from '@tradewind/db';
import { sql } from 'drizzle-orm';

const { notifications } = schema;

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What a security notice says; `url` is the PWA route a click opens. */
export type SecurityNotice = { readonly title: string; readonly body: string; readonly url: string };

export const PASSWORD_CHANGED_NOTICE: SecurityNotice = {
  title: 'Your password was changed',
  body: 'Every other device was signed out. If this was not you, reset your password at once and check your orders and API keys.',
  url: '#/settings/security',
};

/**
 * Writes a security notice to the user's inbox and schedules it on every push device and to the
 * account's e-mail address, in the caller's transaction (it exists exactly when the change it
 * reports committed). Unlike event notifications, preferences, quiet hours and the e-mail opt-in
 * do not hold it: the owner must hear of it, and an intruder must not be able to mute it first.
 * `dedupeKey` is unique per user. Returns the inbox id; the caller wakes the dispatcher after commit.
 */
export async function recordSecurityNotice(
  tx: Tx,
  userId: string,
  dedupeKey: string,
  notice: SecurityNotice,
  nowMs: number,
): Promise<number> {
  const now = new Date(nowMs);
  const [row] = await tx
    .insert(notifications)
    .values({ userId, dedupeKey, kind: 'security', ...notice, createdAt: now })
    .returning({ id: notifications.id });
  if (!row) throw new Error('notification insert returned no row');
  const at = now.toISOString();
  await tx.execute(sql`
    insert into notification_deliveries (notification_id, user_id, channel, target, next_attempt_at)
    select ${row.id}::bigint, ${userId}::uuid, 'push', id::text, ${at}::timestamptz
    from push_subscriptions where user_id = ${userId}::uuid
    union all select ${row.id}::bigint, ${userId}::uuid, 'email', '', ${at}::timestamptz`);
  return row.id;
}
