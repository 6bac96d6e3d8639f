import { z } from 'zod';
import { NOTIFY_DEFAULTS, type NotifyConfig } from './types';

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL');

/** The notification variables of edge's environment (edge/README.md's table). */
export const notifyEnv = z.object({
  NOTIFY_WORKER: z.enum(['on', 'off']).default('on'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  NOTIFY_EMAIL_FROM: z.string().min(3).max(200).default(NOTIFY_DEFAULTS.emailFrom),
  SMS_PROVIDER_URL: httpUrl.optional(),
  TELEGRAM_API_BASE: httpUrl.default(NOTIFY_DEFAULTS.telegramApiBase),
  TELEGRAM_BOT_TOKEN: z.string().min(1).max(200).optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: address or an https:// URL (RFC 8292)')
    .default(NOTIFY_DEFAULTS.vapidSubject),
  AMQP_URL: z.string().optional(),
  /**
   * `true`: push endpoints and webhooks may be http:// and loopback/private addresses (literal or
   * resolved). For tests and local development with a receiver on this machine; never in
   * production (SSRF: it lets any user make edge POST to its own network).
   */
  NOTIFY_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).default('false'),
});

export function notifyConfig(e: z.infer<typeof notifyEnv>): NotifyConfig {
  return {
    worker: e.NOTIFY_WORKER === 'on',
    ...(e.SMTP_URL ? { smtpUrl: e.SMTP_URL } : {}),
    emailFrom: e.NOTIFY_EMAIL_FROM,
    ...(e.SMS_PROVIDER_URL ? { smsProviderUrl: e.SMS_PROVIDER_URL } : {}),
    telegramApiBase: e.TELEGRAM_API_BASE,
    ...(e.TELEGRAM_BOT_TOKEN ? { telegramBotToken: e.TELEGRAM_BOT_TOKEN } : {}),
    vapidSubject: e.VAPID_SUBJECT,
    ...(e.AMQP_URL ? { amqpUrl: e.AMQP_URL } : {}),
    allowPrivateTargets: e.NOTIFY_ALLOW_PRIVATE_TARGETS === 'true',
  };
}
