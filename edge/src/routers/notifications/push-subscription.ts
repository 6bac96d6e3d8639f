import { z } from 'zod';
import { checkTargetUrl } from '../../notifications/channels/target-url';

/** An uncompressed P-256 point (RFC 8291 §3.2: the user agent's public key). */
const P256_PUBLIC_KEY_BYTES = 65;
/** The auth secret (RFC 8291 §3.2). */
const AUTH_SECRET_BYTES = 16;

const shape = z
  .object({
    endpoint: z.string().min(1).max(2048),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
  })
  .loose();

function base64urlBytes(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return null;
  return Buffer.from(text, 'base64url');
}

export type ValidSubscription = { endpoint: string; p256dh: string; auth: string };

/** PushSubscription.toJSON() from a browser, checked: a reason string when it cannot be used. */
export function parsePushSubscription(value: unknown, allowPrivate: boolean): ValidSubscription | { error: string } {
  const parsed = shape.safeParse(value);
  if (!parsed.success) return { error: 'expected {endpoint, keys: {p256dh, auth}}' };
  const { endpoint, keys } = parsed.data;
  const url = checkTargetUrl(endpoint, allowPrivate);
  if (!url.ok) return { error: `endpoint ${url.error}` };
  const p256dh = base64urlBytes(keys.p256dh);
  if (p256dh === null || p256dh.length !== P256_PUBLIC_KEY_BYTES || p256dh[0] !== 0x04) {
    return { error: 'keys.p256dh is not an uncompressed P-256 public key (65 bytes, base64url)' };
  }
  const auth = base64urlBytes(keys.auth);
  if (auth === null || auth.length !== AUTH_SECRET_BYTES)
    return { error: 'keys.auth is not a 16-byte secret (base64url)' };
  return { endpoint, p256dh: keys.p256dh, auth: keys.auth };
}
