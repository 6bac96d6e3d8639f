import { ACCESS_TOKEN_TTL_S, verifyAccessToken } from '@tradewind/shared/auth';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { AuthInfo, Context } from '../../context';
import { fail } from '../../errors';
import { sessionStanding } from '../../identity/sessions';

/** Longer than any token we issue (about 400 characters); bounds the work of parsing one. */
export const ACCESS_TOKEN_CHARS_MAX = 2048;
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

function bearerToken(authorization: string | null): string {
  if (authorization === null) fail('AUTH_TOKEN_MISSING');
  const m = BEARER.exec(authorization);
  if (!m?.[1] || m[1].length > ACCESS_TOKEN_CHARS_MAX) fail('AUTH_TOKEN_INVALID');
  return m[1];
}

function claimedKid(token: string): string | undefined {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    fail('AUTH_TOKEN_INVALID');
  }
}

/**
 * Who is calling: the access token must verify against our own keys (shared/auth pins the
 * algorithm and checks iss, aud, typ, exp, nbf), its session must not be revoked, and it must
 * not predate the user's `tokens_valid_after` (RELIABILITY S1, S2).
 */
export async function authenticate(ctx: Pick<Context, 'request' | 'keys' | 'clock' | 'db'>): Promise<AuthInfo> {
  const token = bearerToken(ctx.request.authorization);
  const keys = await ctx.keys.verificationKeys(claimedKid(token));
  const nowS = Math.floor(ctx.clock.nowMs() / 1000);
  const verified = await verifyAccessToken(token, keys, nowS);
  if (!verified.ok) fail(verified.code === 'AUTH_EXPIRED' ? 'AUTH_TOKEN_EXPIRED' : 'AUTH_TOKEN_INVALID');
  const { userId, sessionId, role, expiresAtS } = verified.claims;
  const standing = await sessionStanding(ctx.db, { userId, sessionId });
  if (!standing.live) fail('AUTH_SESSION_REVOKED');
  // iat is whole seconds: a cut-off inside second s refuses tokens issued before s. Whoever
  // moves the cut-off also revokes sessions, which takes effect at once.
  const issuedAtS = decodeJwt(token).iat ?? expiresAtS - ACCESS_TOKEN_TTL_S;
  if (issuedAtS < Math.floor(standing.tokensValidAfterMs / 1000)) fail('AUTH_SESSION_REVOKED');
  return { userId, sessionId, role };
}
