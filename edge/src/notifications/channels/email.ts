import nodemailer from 'nodemailer';
import type { Logger } from '../../logger';
import { type ChannelSender, SEND_TIMEOUT_MS } from './channel';
import { ERROR_CHARS_MAX } from './http';

/** Where e-mail links point: the PWA at this origin (the route is the notification's url). */
export type EmailOptions = { smtpUrl?: string; from: string; appOrigin: string; log: Logger };

/**
 * E-mail over SMTP with nodemailer. Without SMTP_URL the message goes to the server log
 * (it is in the inbox already): DESIGN.md's laptop default. SMTP 5xx answers are permanent
 * (bad mailbox), everything else (4xx, connection errors, timeouts) is retried.
 */
export function emailSender(o: EmailOptions): { send: ChannelSender; close(): void } {
  const transport = o.smtpUrl
    ? nodemailer.createTransport({
        url: o.smtpUrl,
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      })
    : null;
  const send: ChannelSender = async (out) => {
    // A security notice is always sent, whatever the settings: a footer saying how to turn it off would be false.
    const footer =
      out.kind === 'security'
        ? "If this wasn't you, reset your password now and check your API keys."
        : 'Change what you receive in Settings → Notifications.';
    const text = `${out.body}\n\nOpen: ${o.appOrigin}/${out.url}\n\n${footer}`;
    if (transport === null) {
      o.log.info({ channel: 'email', to: out.email, subject: out.title, text }, 'e-mail (no SMTP configured)');
      return { status: 'logged' };
    }
    try {
      await transport.sendMail({ from: o.from, to: out.email, subject: `Tradewind: ${out.title}`, text });
      return { status: 'sent' };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      const error = (err instanceof Error ? err.message : String(err)).slice(0, ERROR_CHARS_MAX);
      return code !== undefined && code >= 500 ? { status: 'failed', error } : { status: 'retry', error };
    }
  };
  return { send, close: () => transport?.close() };
}
