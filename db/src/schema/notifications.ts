import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * The server's VAPID key pairs (RFC 8292), generated on first start and kept here: never in
 * the repo or the PWA bundle. The current key is the newest one not retired; browsers get its
 * public key. Rotating (`npm run -w edge vapid -- rotate`) adds a key and retires the old one,
 * which still signs pushes to the subscriptions made with it until they re-subscribe or the
 * retired key is dropped (its subscriptions go with it).
 */
export const notifyVapidKeys = pgTable('notify_vapid_keys', {
  id: smallint('id').primaryKey(),
  publicKey: text('public_key').notNull().unique(),
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/** One browser/device's push subscription; a 404/410 from its push service deletes it. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    /** The browser's P-256 public key and auth secret, base64url (RFC 8291). */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    deviceLabel: text('device_label'),
    /** The VAPID key the browser subscribed with (its applicationServerKey): pushes are signed with it. */
    vapidKeyId: smallint('vapid_key_id')
      .notNull()
      .references(() => notifyVapidKeys.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('push_subscriptions_user').on(t.userId), index('push_subscriptions_vapid_key').on(t.vapidKeyId)],
);

/**
 * Per-user notification settings: the event type × channel matrix (jsonb: type → channels),
 * quiet hours in the user's time zone, and the channel addresses.
 */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  matrix: jsonb('matrix').notNull(),
  /** Minutes after local midnight; both null = no quiet hours. */
  quietStartMin: smallint('quiet_start_min'),
  quietEndMin: smallint('quiet_end_min'),
  timeZone: text('time_zone').notNull().default('UTC'),
  emailOptIn: boolean('email_opt_in').notNull().default(false),
  phone: text('phone'),
  telegramChatId: text('telegram_chat_id'),
  webhookUrl: text('webhook_url'),
  webhookSecret: text('webhook_secret'),
  webhookFormat: text('webhook_format', { enum: ['json', 'discord', 'slack'] })
    .notNull()
    .default('json'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * The in-app inbox. `dedupeKey` (`event:<seq>`, `digest:<window>`, `summary:<day>`, `test:<id>`)
 * is unique per user: the bus delivering an event twice makes one notification.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The PWA route a click opens, e.g. `#/orders`. */
    url: text('url').notNull(),
    eventSeq: bigint('event_seq', { mode: 'number' }),
    /** Events folded into this digest (1 for anything else). */
    itemCount: integer('item_count').notNull().default(1),
    /** Over the rate limit: in the inbox, but sent to other channels only as part of a digest. */
    digested: boolean('digested').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    unique('notifications_user_dedupe').on(t.userId, t.dedupeKey),
    index('notifications_user_id').on(t.userId, t.id),
    // The per-user rate limit counts a user's notifications in the current window.
    index('notifications_user_created').on(t.userId, t.createdAt),
  ],
);

/**
 * One notification to one channel target (a push subscription id, or '' for the user's
 * address). Unique per (notification, channel, target): exactly once to the user.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    target: text('target').notNull().default(''),
    status: text('status', { enum: ['pending', 'sent', 'logged', 'gone', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }).notNull(),
    /** A dispatcher holds the delivery until then; after a crash another may take it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    unique('notification_deliveries_once').on(t.notificationId, t.channel, t.target),
    index('notification_deliveries_due').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check('notification_deliveries_attempts', sql`${t.attempts} >= 0`),
    // Dead letters per user.
    index('notification_deliveries_user_status').on(t.userId, t.status),
  ],
);
