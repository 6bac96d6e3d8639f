/** Cookie headers beyond this many characters are not ours; they are ignored, not parsed. */
export const COOKIE_HEADER_CHARS_MAX = 8192;

/** Parses a Cookie request header; the first occurrence of a name wins (RFC 6265 §5.4 order). */
export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (header === null || header.length > COOKIE_HEADER_CHARS_MAX) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}

export type CookieOptions = {
  path: string;
  maxAgeS: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax';
};

const COOKIE_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  if (!COOKIE_TOKEN.test(name) || !/^[A-Za-z0-9_\-.~]*$/.test(value)) throw new Error('unsafe cookie name or value');
  const parts = [`${name}=${value}`, `Path=${o.path}`, `Max-Age=${Math.max(0, Math.floor(o.maxAgeS))}`];
  if (o.httpOnly) parts.push('HttpOnly');
  if (o.secure) parts.push('Secure');
  parts.push(`SameSite=${o.sameSite}`);
  return parts.join('; ');
}
