/** Longest `kid` we look up; ours are `k-<uuid>` (38 characters). */
const KEY_ID_CHARS_MAX = 128;

/**
 * The `kid` of a compact JWS, read without verifying anything: it only decides whether our key
 * set is stale. The token is then verified against keys we hold, never keys it names.
 */
export function tokenKeyId(token: string): string | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot > 1024) return undefined;
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8')) as unknown;
    if (typeof header !== 'object' || header === null) return undefined;
    const kid = (header as { kid?: unknown }).kid;
    return typeof kid === 'string' && kid.length > 0 && kid.length <= KEY_ID_CHARS_MAX ? kid : undefined;
  } catch {
    return undefined;
  }
}
