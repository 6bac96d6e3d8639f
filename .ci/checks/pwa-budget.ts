/**
 * Size budgets for the PWA's JavaScript (STYLE.md habit 16). What a phone downloads before the
 * first price shows is the initial load: the scripts index.html names (entry + modulepreloads).
 * Routes loaded on demand (charts, the order ticket) have a budget each, and the service
 * worker its own. Runs after `npm run build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped bytes of the scripts needed to show the market watch. */
export const INITIAL_JS_GZIP_BYTES_MAX = 80 * 1024;
/** Gzipped bytes of any one chunk loaded later by a route. */
export const LAZY_CHUNK_GZIP_BYTES_MAX = 64 * 1024;
/** Gzipped bytes of the service worker. */
export const SW_GZIP_BYTES_MAX = 16 * 1024;

const dist = resolve(import.meta.dirname, '../../pwa/dist');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return jsFiles(path);
    return e.name.endsWith('.js') ? [path] : [];
  });
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const files = jsFiles(dist).map((f) => f.slice(dist.length + 1));
if (files.length === 0) {
  console.error(`pwa budget: no JavaScript in ${dist}; run npm run build first`);
  process.exit(1);
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1] ?? ''));
const problems: string[] = [];
let initialBytes = 0;
for (const file of files.sort()) {
  const bytes = gz(join(dist, file));
  const kind = file === 'sw.js' ? 'service worker' : initial.has(file) ? 'initial' : 'lazy';
  process.stdout.write(`  ${kind.padEnd(14)} ${file}\t${bytes} B gzip\n`);
  if (kind === 'initial') initialBytes += bytes;
  if (kind === 'lazy' && bytes > LAZY_CHUNK_GZIP_BYTES_MAX)
    problems.push(`${file}: ${bytes} B > ${LAZY_CHUNK_GZIP_BYTES_MAX} B`);
  if (kind === 'service worker' && bytes > SW_GZIP_BYTES_MAX)
    problems.push(`sw.js: ${bytes} B > ${SW_GZIP_BYTES_MAX} B`);
}
if (initial.size === 0) problems.push('index.html names no script: cannot tell the initial load');
if (initialBytes > INITIAL_JS_GZIP_BYTES_MAX)
  problems.push(`initial load ${initialBytes} B > ${INITIAL_JS_GZIP_BYTES_MAX} B`);
process.stdout.write(`pwa budget: initial load ${initialBytes} B of ${INITIAL_JS_GZIP_BYTES_MAX} B gzipped\n`);
if (problems.length > 0) {
  console.error(`pwa budget exceeded:\n  ${problems.join('\n  ')}\ntrim dependencies or move code to a lazy route`);
  process.exit(1);
}
