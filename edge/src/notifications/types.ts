import type { BusEventType } from '@tradewind/db/bus';

/** Channels besides the in-app inbox, which every notification is written to. */
export const CHANNELS = ['push', 'email', 'sms', 'telegram', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What a user can be told about: the bus events that notify, and the daily summary. */
export type NotificationKind = Exclude<BusEventType, 'order.accepted'> | 'daily_summary';

/** A notification as channels render it. `url` is the PWA route a click opens. */
export type Message = {
  readonly kind: NotificationKind | 'digest' | 'test';
  readonly title: string;
  readonly body: string;
  readonly url: string;
  /** Margin calls, liquidations, the kill switch: delivered through quiet hours. */
  readonly urgent: boolean;
};

/** Notification settings from the environment (edge/README.md's table). */
export type NotifyConfig = {
  /** Run the bus consumer and the delivery dispatcher in this edge process (NOTIFY_WORKER). */
  readonly worker: boolean;
  /** `smtp://` or `smtps://` URL; unset: e-mails go to the inbox and the server log. */
  readonly smtpUrl?: string;
  readonly emailFrom: string;
  /** The HTTP SMS provider's endpoint; unset: SMS go to the inbox and the server log. */
  readonly smsProviderUrl?: string;
  readonly telegramApiBase: string;
  /** Unset: Telegram messages are logged only. */
  readonly telegramBotToken?: string;
  /** VAPID `sub` claim: a mailto: or https: URL the push service can reach us at (RFC 8292). */
  readonly vapidSubject: string;
  /** RabbitMQ for the bus (AMQP_URL); unset: the PostgreSQL bus. */
  readonly amqpUrl?: string;
  /** The bus's RabbitMQ exchange (tests use their own); the bus's default when unset. */
  readonly busExchange?: string;
  /**
   * Accept http:// and loopback/private targets for push endpoints and webhooks. Off in
   * production (SSRF); tests turn it on to reach their local fakes.
   */
  readonly allowPrivateTargets: boolean;
};

export const NOTIFY_DEFAULTS: NotifyConfig = {
  worker: true,
  emailFrom: 'Tradewind <alerts@tradewind.invalid>',
  telegramApiBase: 'https://api.telegram.org',
  vapidSubject: 'mailto:admin@tradewind.invalid',
  allowPrivateTargets: false,
};
