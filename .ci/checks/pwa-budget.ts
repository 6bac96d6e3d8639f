/**
 * A size budget for the PWA's JavaScript (STYLE.md habit 16): a phone on a slow network
 * downloads all of it before the first price shows. Runs after `npm run build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped bytes of every JavaScript file the app ships (service worker included). */
export const PWA_JS_GZIP_BYTES_MAX = 80 * 1024;

const dist = resolve(import.meta.dirname, '../../pwa/dist');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return jsFiles(path);
    return e.name.endsWith('.js') ? [path] : [];
  });
}

const files = jsFiles(dist);
if (files.length === 0) {
  console.error(`pwa budget: no JavaScript in ${dist}; run npm run build first`);
  process.exit(1);
}
const sizes = files.map((f) => ({
  file: f.slice(dist.length + 1),
  gzip: gzipSync(readFileSync(f), { level: 9 }).length,
}));
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) process.stdout.write(`  ${s.file}\t${s.gzip} B gzip\n`);
process.stdout.write(`pwa budget: ${total} B of ${PWA_JS_GZIP_BYTES_MAX} B gzipped JavaScript\n`);
if (total > PWA_JS_GZIP_BYTES_MAX) {
  console.error('pwa budget exceeded: trim dependencies or split a route');
  process.exit(1);
}
