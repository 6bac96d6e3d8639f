import { createHmac } from 'node:crypto';
import type { WebhookFormat } from '../settings';
import type { ChannelSender, Outgoing } from './channel';
import { type Poster, postJson } from './http';
import { checkTargetUrl } from './target-url';

export const SIGNATURE_HEADER = 'X-Tradewind-Signature';
export const TIMESTAMP_HEADER = 'X-Tradewind-Timestamp';

/** The body for each format: our own JSON, or what Discord's and Slack's incoming webhooks accept. */
export function webhookBody(
  out: Pick<Outgoing, 'notificationId' | 'kind' | 'title' | 'body' | 'url'>,
  format: WebhookFormat,
): unknown {
  switch (format) {
    case 'json':
      return { id: out.notificationId, kind: out.kind, title: out.title, body: out.body, url: out.url };
    case 'discord':
      return { content: `**${out.title}**`, embeds: [{ title: out.title, description: out.body }] };
    case 'slack':
      return {
        text: `${out.title}: ${out.body}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${out.title}*\n${out.body}` } }],
      };
  }
}

/**
 * HMAC-SHA256 over `<timestamp>.<body>` with the user's secret, hex, as `sha256=<hex>`: the
 * receiver recomputes it and rejects old timestamps (replay), as Stripe's and Slack's do.
 */
export function signWebhook(secret: string, timestampS: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex')}`;
}

export function webhookSender(nowMs: () => number, allowPrivate: boolean, post: Poster): ChannelSender {
  return async (out) => {
    const { webhookUrl, webhookSecret, webhookFormat } = out.settings;
    if (webhookUrl === null || webhookSecret === null) return { status: 'failed', error: 'no webhook configured' };
    const target = checkTargetUrl(webhookUrl, allowPrivate);
    if (!target.ok) return { status: 'failed', error: `webhook URL refused: ${target.error}` };
    const payload = webhookBody(out, webhookFormat);
    const timestampS = Math.floor(nowMs() / 1000);
    const signature = signWebhook(webhookSecret, timestampS, JSON.stringify(payload));
    return postJson(post, webhookUrl, payload, {
      [SIGNATURE_HEADER]: signature,
      [TIMESTAMP_HEADER]: String(timestampS),
    });
  };
}
