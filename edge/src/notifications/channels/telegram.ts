import type { Logger } from '../../logger';
import type { ChannelSender } from './channel';
import { type Poster, postJson } from './http';

/** Telegram's limit for one message. */
export const TELEGRAM_TEXT_CHARS_MAX = 4096;

/**
 * The Bot API's sendMessage (`POST <base>/bot<token>/sendMessage`). The base URL is
 * configurable (TELEGRAM_API_BASE) for a local Bot API server, and for tests.
 */
export function telegramSender(apiBase: string, token: string | undefined, log: Logger, post: Poster): ChannelSender {
  return async (out) => {
    const chatId = out.settings.telegramChatId;
    if (chatId === null) return { status: 'failed', error: 'no Telegram chat id' };
    const text = `${out.title}\n${out.body}`.slice(0, TELEGRAM_TEXT_CHARS_MAX);
    if (token === undefined) {
      log.info({ channel: 'telegram', chatId, text }, 'Telegram message (no bot token configured)');
      return { status: 'logged' };
    }
    const url = `${apiBase.replace(/\/$/, '')}/bot${encodeURIComponent(token)}/sendMessage`;
    return postJson(post, url, { chat_id: chatId, text, disable_web_page_preview: true });
  };
}
