import { createHash, randomBytes } from 'node:crypto';

/** 256 bits: unguessable, and the hash below can be a plain SHA-256 (no salt or stretching needed). */
export const REFRESH_TOKEN_BYTES = 32;
/** A refresh token lives this long after it is issued (each refresh issues a new one). */
export const REFRESH_TOKEN_TTL_MS = 14 * 24 * 3600 * 1000;
/** A session (one login) ends this long after it began, however often it is refreshed. */
export const SESSION_LIFETIME_MAX_MS = 30 * 24 * 3600 * 1000;
/** base64url of 32 bytes is 43 characters; anything else is not one of ours. */
const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newRefreshToken(): string {
  return randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
}

export function isWellFormedRefreshToken(token: string): boolean {
  return REFRESH_TOKEN_PATTERN.test(token);
}

/** What the database stores: the token itself never touches the disk. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
