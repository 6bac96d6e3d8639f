import type { Logger } from '../../logger';
import type { ChannelSender } from './channel';
import { type Poster, postJson } from './http';

/** A text message's length: one or two SMS segments, not a paragraph. */
export const SMS_TEXT_CHARS_MAX = 300;

/** What any SMS provider must do for us: one message to one phone number. */
export type SmsProvider = { send(to: string, text: string): ReturnType<ChannelSender> };

/**
 * The HTTP provider: `POST SMS_PROVIDER_URL` with `{"to": "+4415...", "text": "..."}`, 2xx =
 * accepted. Credentials in the URL (`https://key:secret@sms.example/send`) go as Basic auth.
 */
export function httpSmsProvider(url: string, post: Poster): SmsProvider {
  return { send: (to, text) => postJson(post, url, { to, text }) };
}

export function smsSender(provider: SmsProvider | null, log: Logger): ChannelSender {
  return async (out) => {
    if (out.settings.phone === null) return { status: 'failed', error: 'no phone number' };
    const text = `Tradewind: ${out.title}. ${out.body}`.slice(0, SMS_TEXT_CHARS_MAX);
    if (provider === null) {
      log.info({ channel: 'sms', to: out.settings.phone, text }, 'SMS (no provider configured)');
      return { status: 'logged' };
    }
    return provider.send(out.settings.phone, text);
  };
}
