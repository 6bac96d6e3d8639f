import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { text, withHeaders } from '../responses';
import { htmlHeaders, injectNonce, newNonce } from '../security-headers';
import { contentTypeOf } from './content-types';
import { resolveStaticPath } from './safe-path';

/** Vite's content-hashed output: a file there never changes, so browsers may keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js, the manifest, icons) is revalidated on every use. */
const REVALIDATE = 'no-cache';
const HASHED_DIR = 'assets/';

export type PwaOptions = { dist: string; coreWsOrigin: string };
export type StaticResult = { route: 'static' | 'spa' | 'not_found'; response: Response };

async function fileStat(path: string) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

function notBuilt(dist: string): Response {
  const body =
    '<!doctype html><meta charset="utf-8"><title>Tradewind: app not built</title>' +
    '<h1>The Tradewind app has not been built</h1>' +
    `<p>Edge found no <code>index.html</code> in <code>${escapeHtml(dist)}</code>.</p>` +
    '<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload.</p>';
  return withHeaders(
    new Response(body, {
      status: 503,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Retry-After': '10',
        'Content-Security-Policy': "default-src 'none'",
      },
    }),
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An HTML page with a fresh nonce in its script tags and the matching CSP: revalidated on every use. */
async function htmlPage(path: string, options: PwaOptions, method: string): Promise<Response> {
  const nonce = newNonce();
  const html = injectNonce(await readFile(path, 'utf8'), nonce);
  return withHeaders(
    new Response(method === 'HEAD' ? null : html, {
      status: 200,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': REVALIDATE,
        ...htmlHeaders(nonce, options.coreWsOrigin),
      },
    }),
  );
}

async function file(path: string, relPath: string, request: Request, size: number, mtimeMs: number) {
  const etag = `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': contentTypeOf(path),
    'Cache-Control': relPath.startsWith(HASHED_DIR) ? IMMUTABLE : REVALIDATE,
    ETag: etag,
  };
  if (request.headers.get('If-None-Match') === etag) {
    return withHeaders(new Response(null, { status: 304, headers }));
  }
  const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(path));
  return withHeaders(new Response(body, { status: 200, headers: { ...headers, 'Content-Length': String(size) } }));
}

/** Paths that name a file (an extension, or under assets/) get a 404 when missing, never the app shell. */
function looksLikeFile(relPath: string): boolean {
  const last = relPath.slice(relPath.lastIndexOf('/') + 1);
  return relPath.startsWith(HASHED_DIR) || last.includes('.');
}

/**
 * Serves the built PWA for a GET or HEAD: files from `dist` with cache headers by kind, and
 * index.html for any other path that looks like an app route (client-side routing).
 */
export async function servePwa(request: Request, url: URL, options: PwaOptions): Promise<StaticResult> {
  if (!(await fileStat(join(options.dist, 'index.html')))) {
    return { route: 'static', response: notBuilt(options.dist) };
  }
  const index = join(options.dist, 'index.html');
  if (url.pathname === '/') return { route: 'static', response: await htmlPage(index, options, request.method) };
  const resolved = resolveStaticPath(options.dist, url.pathname);
  if (resolved === null) return { route: 'not_found', response: text('Not found.', 404) };
  const { full, rel } = resolved;
  const found = await fileStat(full);
  if (found && contentTypeOf(full).startsWith('text/html')) {
    return { route: 'static', response: await htmlPage(full, options, request.method) };
  }
  if (found) return { route: 'static', response: await file(full, rel, request, found.size, found.mtimeMs) };
  if (looksLikeFile(rel)) return { route: 'not_found', response: text('Not found.', 404) };
  return { route: 'spa', response: await htmlPage(index, options, request.method) };
}
