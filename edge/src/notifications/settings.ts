import type { Sql } from '@tradewind/db';
import { normaliseMatrix, type PreferenceMatrix } from './preferences';
import type { QuietHours } from './quiet-hours';
import { iso } from './sql-time';

export const WEBHOOK_FORMATS = ['json', 'discord', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** A user's notification settings; defaults when they never saved any. */
export type NotificationSettings = {
  readonly matrix: PreferenceMatrix;
  readonly quiet: QuietHours | null;
  readonly timeZone: string;
  readonly emailOptIn: boolean;
  readonly phone: string | null;
  readonly telegramChatId: string | null;
  readonly webhookUrl: string | null;
  readonly webhookSecret: string | null;
  readonly webhookFormat: WebhookFormat;
};

/** A `notification_settings` row as selected (the dispatcher joins it into its claim). */
export type SettingsRow = {
  matrix: unknown;
  quiet_start_min: number | null;
  quiet_end_min: number | null;
  time_zone: string;
  email_opt_in: boolean;
  phone: string | null;
  telegram_chat_id: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  webhook_format: WebhookFormat;
};

export function defaultSettings(): NotificationSettings {
  return {
    matrix: normaliseMatrix(undefined),
    quiet: null,
    timeZone: 'UTC',
    emailOptIn: false,
    phone: null,
    telegramChatId: null,
    webhookUrl: null,
    webhookSecret: null,
    webhookFormat: 'json',
  };
}

export function fromRow(r: SettingsRow): NotificationSettings {
  const quiet =
    r.quiet_start_min === null || r.quiet_end_min === null
      ? null
      : { startMin: r.quiet_start_min, endMin: r.quiet_end_min, timeZone: r.time_zone };
  return {
    matrix: normaliseMatrix(typeof r.matrix === 'string' ? JSON.parse(r.matrix) : r.matrix),
    quiet,
    timeZone: r.time_zone,
    emailOptIn: r.email_opt_in,
    phone: r.phone,
    telegramChatId: r.telegram_chat_id,
    webhookUrl: r.webhook_url,
    webhookSecret: r.webhook_secret,
    webhookFormat: r.webhook_format,
  };
}

/** Settings of several users in one query; users who never saved any are absent (use defaultSettings). */
export async function settingsOf(sql: Sql, users: readonly string[]): Promise<Map<string, NotificationSettings>> {
  const rows = await sql<(SettingsRow & { user_id: string })[]>`
    select user_id, matrix, quiet_start_min, quiet_end_min, time_zone, email_opt_in, phone, telegram_chat_id,
      webhook_url, webhook_secret, webhook_format
    from notification_settings where user_id = any(${users}::uuid[])`;
  return new Map(rows.map((r) => [r.user_id, fromRow(r)]));
}

export async function loadSettings(sql: Sql, userId: string): Promise<NotificationSettings> {
  const [row] = await sql<SettingsRow[]>`
    select matrix, quiet_start_min, quiet_end_min, time_zone, email_opt_in, phone, telegram_chat_id,
      webhook_url, webhook_secret, webhook_format
    from notification_settings where user_id = ${userId}`;
  return row ? fromRow(row) : defaultSettings();
}

export async function saveSettings(sql: Sql, userId: string, s: NotificationSettings, nowMs: number): Promise<void> {
  const matrix = JSON.stringify(s.matrix);
  await sql`
    insert into notification_settings (user_id, matrix, quiet_start_min, quiet_end_min, time_zone, email_opt_in,
      phone, telegram_chat_id, webhook_url, webhook_secret, webhook_format, updated_at)
    values (${userId}, ${matrix}::jsonb, ${s.quiet?.startMin ?? null}, ${s.quiet?.endMin ?? null}, ${s.timeZone},
      ${s.emailOptIn}, ${s.phone}, ${s.telegramChatId}, ${s.webhookUrl}, ${s.webhookSecret}, ${s.webhookFormat},
      ${iso(nowMs)})
    on conflict (user_id) do update set matrix = excluded.matrix, quiet_start_min = excluded.quiet_start_min,
      quiet_end_min = excluded.quiet_end_min, time_zone = excluded.time_zone, email_opt_in = excluded.email_opt_in,
      phone = excluded.phone, telegram_chat_id = excluded.telegram_chat_id, webhook_url = excluded.webhook_url,
      webhook_secret = excluded.webhook_secret, webhook_format = excluded.webhook_format,
      updated_at = excluded.updated_at`;
}
