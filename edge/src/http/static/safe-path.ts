import { resolve, sep } from 'node:path';

/** Deeper paths than this are not in a Vite build; refusing them bounds the work per request. */
export const STATIC_PATH_SEGMENTS_MAX = 8;
export const STATIC_PATH_CHARS_MAX = 512;

/**
 * Maps a URL path to a file under `root`, or null if it could name anything outside it:
 * percent-decoding happens once, and then no segment may be empty-dot, dot-dot or hidden,
 * no backslash or NUL may appear, and the resolved path must still lie under the root.
 */
export function resolveStaticPath(root: string, urlPath: string): { full: string; rel: string } | null {
  if (urlPath.length > STATIC_PATH_CHARS_MAX) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.length > STATIC_PATH_SEGMENTS_MAX) return null;
  // An empty last segment is a trailing slash (a route, not a file); an empty inner one is `//`.
  if (segments.some((s, i) => (s === '' && i < segments.length - 1) || s.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  return full.startsWith(base + sep) ? { full, rel: segments.join('/') } : null;
}
