import type { Sql } from '@tradewind/db';
import webpush from 'web-push';
import type { VapidKeyring, VapidKeys } from '../vapid';
import type { ChannelSender, Outgoing, SendResult } from './channel';
import { classify, ERROR_CHARS_MAX, type Poster } from './http';
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
 * A VAPID header is reused per push service for this long: signing one costs ~2.5 ms (web-push
 * signs in JavaScript), encrypting a message ~0.7 ms. web-push's JWT lives 12 h, so a reused
 * one still has ≥ 11 h left and never more than RFC 8292's 24 h.
 */
export const VAPID_REUSE_MS = 60 * 60_000;
/** Push services (audiences) whose header is kept; a handful exist (FCM, Mozilla, Apple, WNS). */
export const VAPID_CACHE_MAX = 64;

type CachedHeader = { authorization: string; madeAtMs: number };

/** Signs VAPID headers (RFC 8292) per audience, reusing each for VAPID_REUSE_MS. */
export function vapidSigner(nowMs: () => number) {
  const cache = new Map<string, CachedHeader>();
  return (audience: string, vapid: VapidKeys): string => {
    const key = `${vapid.publicKey}|${audience}`;
    const cached = cache.get(key);
    if (cached && nowMs() - cached.madeAtMs < VAPID_REUSE_MS) return cached.authorization;
    const headers = webpush.getVapidHeaders(audience, vapid.subject, vapid.publicKey, vapid.privateKey, 'aes128gcm');
    if (cache.size >= VAPID_CACHE_MAX) cache.clear();
    cache.set(key, { authorization: String(headers.Authorization), madeAtMs: nowMs() });
    return String(headers.Authorization);
  };
}

/**
 * Encrypts (RFC 8291, aes128gcm) with web-push and POSTs with our own fetch: web-push's own
 * sender speaks HTTPS only, and we want one timeout and one error classification for every
 * channel.
 */
export async function sendPush(
  sub: PushSubscriptionKeys,
  payload: PushPayload,
  authorization: (audience: string) => string,
  allowPrivate: boolean,
  post: Poster,
): Promise<SendResult> {
  const target = checkTargetUrl(sub.endpoint, allowPrivate);
  if (!target.ok) return { status: 'gone', error: `endpoint refused: ${target.error}` };
  const encrypted = webpush.encrypt(sub.p256dh, sub.auth, JSON.stringify(payload), 'aes128gcm');
  const headers = {
    TTL: String(PUSH_TTL_S),
    Urgency: 'high',
    'Content-Type': 'application/octet-stream',
    'Content-Encoding': 'aes128gcm',
    Authorization: authorization(target.url.origin),
  };
  const posted = await post(sub.endpoint, headers, new Uint8Array(encrypted.cipherText));
  // A name that resolves to a private address now: the subscription is never usable.
  if ('error' in posted) return { status: posted.refused ? 'gone' : 'retry', error: posted.error };
  // RFC 8030 §7.3: 404/410 mean the subscription expired or was removed: never send to it again.
  if (posted.status === 404 || posted.status === 410) {
    return { status: 'gone', error: `HTTP ${posted.status}: ${posted.text.slice(0, ERROR_CHARS_MAX)}` };
  }
  return classify(posted.status, posted.text);
}

export function pushSender(
  sql: Sql,
  keyring: Pick<VapidKeyring, 'byId'>,
  allowPrivate: boolean,
  nowMs: () => number,
  post: Poster,
): ChannelSender {
  const sign = vapidSigner(nowMs);
  return async (out) => {
    const keys = out.push === null ? undefined : await keyring.byId(out.push.vapidKeyId);
    // Without its key (a dropped, retired key) the push service would refuse the subscription anyway.
    const result =
      out.push === null || keys === undefined
        ? ({ status: 'gone', error: out.push === null ? 'subscription removed' : 'its VAPID key was dropped' } as const)
        : await sendPush(out.push, pushPayloadOf(out), (audience) => sign(audience, keys), allowPrivate, post);
    if (result.status === 'gone') await sql`delete from push_subscriptions where id = ${out.target}`;
    return result;
  };
}
