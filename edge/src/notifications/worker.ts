import type { Sql } from '@tradewind/db';
import type { BusEvent, EventHandler } from '@tradewind/db/bus';
import { messageFor } from './event-messages';
import { type NewNotification, recordNotifications } from './record';

/** The bus consumer's stable name: its progress is stored under it. */
export const NOTIFY_CONSUMER = 'notifications';
export const NOTIFY_PATTERNS = ['#'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Users of this batch that exist: an event for an unknown or deleted user tells nobody (and must not wedge the consumer). */
async function knownUsers(sql: Sql, events: readonly BusEvent[]): Promise<ReadonlySet<string>> {
  const ids = [...new Set(events.map((e) => e.userId).filter((id): id is string => id !== null && UUID.test(id)))];
  if (ids.length === 0) return new Set();
  const rows = await sql<{ id: string }[]>`select id from users where id = any(${ids}::uuid[])`;
  return new Set(rows.map((r) => r.id));
}

/**
 * The bus handler: each event becomes at most one inbox notification (`event:<seq>` is
 * unique per user) plus its scheduled deliveries, written in the bus's transaction, so the
 * consumer's offset and what it recorded commit together. Sending happens later, in the
 * dispatcher: a slow SMTP server never holds up the bus.
 */
export function notificationHandler(nowMs: () => number, afterBatch: () => void): EventHandler {
  return async (events, tx) => {
    const sql = tx as unknown as Sql;
    const users = await knownUsers(sql, events);
    const items: NewNotification[] = [];
    for (const event of events) {
      if (event.userId === null || !users.has(event.userId)) continue;
      const message = messageFor(event);
      if (message === null) continue;
      items.push({
        userId: event.userId,
        dedupeKey: `event:${event.seq}`,
        message,
        eventSeq: event.seq,
        nowMs: nowMs(),
      });
    }
    await recordNotifications(sql, items);
    afterBatch();
  };
}
