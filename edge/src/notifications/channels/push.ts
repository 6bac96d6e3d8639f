import type { Sql } from '@tradewind/db';
import webpush from 'web-push';
import type { VapidKeys } from '../vapid';
import type { ChannelSender, Outgoing, SendResult } from './channel';
import { classify, ERROR_CHARS_MAX, post } from './http';
import { checkTargetUrl } from './target-url';

/** How long a push service keeps an undelivered message (seconds): a fill is stale after a day. */
export const PUSH_TTL_S = 24 * 60 * 60;
/** What the service worker receives (JSON); push services accept 4 KiB of ciphertext. */
export type PushPayload = { id: number; kind: string; title: string; body: string; url: string; tag: string };
export const PUSH_BODY_CHARS_MAX = 1000;

export type PushSubscriptionKeys = { endpoint: string; p256dh: string; auth: string };

export function pushPayloadOf(out: Pick<Outgoing, 'notificationId' | 'kind' | 'title' | 'body' | 'url'>): PushPayload {
  return {
    id: out.notificationId,
    kind: out.kind,
    title: out.title,
    body: out.body.slice(0, PUSH_BODY_CHARS_MAX),
    url: out.url,
    tag: `tw-${out.notificationId}`,
  };
}

/**
 * Encrypts (RFC 8291, aes128gcm) and signs (VAPID, RFC 8292; web-push's JWT lives 12 h, under
 * the 24 h cap) with web-push, then POSTs with our own fetch: web-push's own sender speaks
 * HTTPS only, and we want one timeout and one error classification for every channel.
 */
export async function sendPush(
  sub: PushSubscriptionKeys,
  payload: PushPayload,
  vapid: VapidKeys,
  allowPrivate: boolean,
): Promise<SendResult> {
  const target = checkTargetUrl(sub.endpoint, allowPrivate);
  if (!target.ok) return { status: 'gone', error: `endpoint refused: ${target.error}` };
  const details = webpush.generateRequestDetails(
    { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
    JSON.stringify(payload),
    {
      vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
      contentEncoding: 'aes128gcm',
      TTL: PUSH_TTL_S,
      urgency: 'high',
    },
  );
  const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
  const posted = await post(details.endpoint, headers, new Uint8Array(details.body));
  if ('error' in posted) return { status: 'retry', error: posted.error };
  // RFC 8030 §7.3: 404/410 mean the subscription expired or was removed: never send to it again.
  if (posted.status === 404 || posted.status === 410) {
    return { status: 'gone', error: `HTTP ${posted.status}: ${posted.text.slice(0, ERROR_CHARS_MAX)}` };
  }
  return classify(posted.status, posted.text);
}

export function pushSender(sql: Sql, vapid: () => VapidKeys, allowPrivate: boolean): ChannelSender {
  return async (out) => {
    const [sub] = await sql<PushSubscriptionKeys[]>`
      select endpoint, p256dh, auth from push_subscriptions where id = ${out.target} and user_id = ${out.userId}`;
    if (!sub) return { status: 'gone', error: 'subscription removed' };
    const result = await sendPush(sub, pushPayloadOf(out), vapid(), allowPrivate);
    if (result.status === 'gone') await sql`delete from push_subscriptions where id = ${out.target}`;
    return result;
  };
}
