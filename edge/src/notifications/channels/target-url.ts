import { isIP } from 'node:net';

/** URLs users give us (webhooks) and browsers give us (push endpoints) are at most this long. */
export const TARGET_URL_CHARS_MAX = 2048;

function isPrivateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare.endsWith('.internal')) return true;
  const family = isIP(bare);
  if (family === 4) {
    const [a = 0, b = 0] = bare.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b < 128)
    );
  }
  if (family === 6)
    return (
      bare === '::1' ||
      bare === '::' ||
      bare.startsWith('fc') ||
      bare.startsWith('fd') ||
      bare.startsWith('fe80') ||
      bare.startsWith('::ffff:')
    );
  return false;
}

/**
 * Whether edge may POST to this URL: https only, and not a loopback or private address
 * literal (SSRF), unless `allowPrivate` (tests and local development). Host names that
 * resolve to private addresses are not caught here: deploy edge with egress rules too.
 */
export function checkTargetUrl(
  raw: string,
  allowPrivate: boolean,
): { ok: true; url: URL } | { ok: false; error: string } {
  if (raw.length > TARGET_URL_CHARS_MAX) return { ok: false, error: `longer than ${TARGET_URL_CHARS_MAX} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: 'not a URL' };
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    return { ok: false, error: 'must be https://' };
  if (!allowPrivate && isPrivateAddress(url.hostname))
    return { ok: false, error: 'private and loopback addresses are not allowed' };
  return { ok: true, url };
}
