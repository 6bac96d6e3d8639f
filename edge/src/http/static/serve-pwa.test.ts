import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestEdge, type TestEdge } from '../../test-support/edge-harness';

/** What `vite build` of the PWA emits, in miniature. */
const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tradewind</title>
<link rel="manifest" href="/manifest.webmanifest">
<script type="module" crossorigin src="/assets/index-Bx7f3k2a.js"></script>
<link rel="modulepreload" crossorigin href="/assets/vendor-C9d8e7f6.js">
<link rel="stylesheet" crossorigin href="/assets/index-D1e2f3a4.css">
</head><body><div id="app"></div></body></html>`;

let dist: string;
let secretDir: string;
let edge: TestEdge;

beforeAll(async () => {
  secretDir = await mkdtemp(join(tmpdir(), 'tw-edge-static-'));
  dist = join(secretDir, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await mkdir(join(dist, 'icons'), { recursive: true });
  await writeFile(join(dist, 'index.html'), INDEX_HTML);
  await writeFile(join(dist, 'assets/index-Bx7f3k2a.js'), 'console.log("app")');
  await writeFile(join(dist, 'assets/index-D1e2f3a4.css'), 'body{margin:0}');
  await writeFile(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  await writeFile(join(dist, 'manifest.webmanifest'), '{"name":"Tradewind"}');
  await writeFile(join(dist, 'icons/icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(join(dist, '.env'), 'SECRET=hidden');
  await writeFile(join(secretDir, 'secret.txt'), 'outside the dist');
  edge = await startTestEdge({ pwaDist: dist });
});
afterAll(async () => {
  await edge.close();
  await rm(secretDir, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${edge.url}${path}`, init);

/** Sends the path byte for byte (fetch and URL would normalise the dots away). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${edge.url}/`, { path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function nonceOf(csp: string | null): string {
  const m = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp ?? '');
  if (!m?.[1]) throw new Error(`no script nonce in CSP: ${csp}`);
  return m[1];
}

test('index.html is revalidated, carries a strict CSP, and its scripts carry that response’s nonce', async () => {
  const response = await get('/');
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('Cache-Control')).toBe('no-cache');
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
  const csp = response.headers.get('Content-Security-Policy') ?? '';
  for (const directive of [
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "worker-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' ws://127.0.0.1:18081",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  const nonce = nonceOf(csp);
  const html = await response.text();
  expect(html).toContain(`<script nonce="${nonce}" type="module" crossorigin src="/assets/index-Bx7f3k2a.js">`);
  expect(html).toContain(`<link nonce="${nonce}" rel="modulepreload"`);
  expect(html.match(/<script/g)).toHaveLength(html.match(/<script nonce="/g)?.length ?? -1);
});

test('the nonce is fresh for every response', async () => {
  const nonces = new Set<string>();
  for (let i = 0; i < 5; i++) nonces.add(nonceOf((await get('/')).headers.get('Content-Security-Policy')));
  expect(nonces.size).toBe(5);
});

test('hashed assets are immutable for a year; sw.js and the manifest are revalidated; types are right', async () => {
  const js = await get('/assets/index-Bx7f3k2a.js');
  expect(js.status).toBe(200);
  expect(js.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  expect(js.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  expect(await js.text()).toBe('console.log("app")');
  expect((await get('/assets/index-D1e2f3a4.css')).headers.get('Content-Type')).toBe('text/css; charset=utf-8');
  const sw = await get('/sw.js');
  expect(sw.headers.get('Cache-Control')).toBe('no-cache');
  expect(sw.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  const manifest = await get('/manifest.webmanifest');
  expect(manifest.headers.get('Cache-Control')).toBe('no-cache');
  expect(manifest.headers.get('Content-Type')).toBe('application/manifest+json; charset=utf-8');
  expect((await get('/icons/icon-192.png')).headers.get('Content-Type')).toBe('image/png');
});

test('a revalidation with a matching ETag is 304 without a body; HEAD has headers and no body', async () => {
  const first = await get('/sw.js');
  const etag = first.headers.get('ETag') ?? '';
  expect(etag).not.toBe('');
  const again = await get('/sw.js', { headers: { 'If-None-Match': etag } });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe('');
  const head = await get('/sw.js', { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('Content-Length')).toBe(String('self.addEventListener("fetch", () => {})'.length));
});

test('unknown app routes get the app shell (SPA fallback); unknown files get 404', async () => {
  for (const route of ['/markets', '/markets/BTC-USD', '/settings/']) {
    const response = await get(route);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toContain("'strict-dynamic'");
    expect(await response.text()).toContain('<div id="app">');
  }
  expect((await get('/assets/index-missing.js')).status).toBe(404);
  expect((await get('/favicon-missing.ico')).status).toBe(404);
});

test('path traversal cannot reach files outside the build, in any encoding', async () => {
  const attempts = [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/.env',
    '/%2eenv',
    '/assets/%00../../secret.txt',
    `/${'a/'.repeat(40)}x`,
  ];
  for (const path of attempts) {
    const { status, body } = await rawGet(path);
    expect(body, path).not.toContain('outside the dist');
    expect(body, path).not.toContain('SECRET=hidden');
    expect([200, 400, 404], path).toContain(status);
  }
});

test('/config.json tells the PWA where core is, and is revalidated', async () => {
  const response = await get('/config.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('Cache-Control')).toBe('no-cache');
  expect(await response.json()).toEqual({ coreWsUrl: 'ws://127.0.0.1:18081/v1/ws' });
});

test('other methods than GET and HEAD outside /trpc are 405', async () => {
  expect((await get('/', { method: 'POST', body: 'x' })).status).toBe(405);
  expect((await get('/assets/index-Bx7f3k2a.js', { method: 'DELETE' })).status).toBe(405);
});

test('without a build, pages get a clear 503 that says to run npm run build', async () => {
  const bare = await startTestEdge();
  try {
    const response = await fetch(`${bare.url}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  } finally {
    await bare.close();
  }
});
