import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The PWA build: `vite build` writes pwa/dist (hashed assets, index.html, sw.js,
 * manifest.webmanifest) which edge serves. In `vite dev` and `vite preview`, /trpc and
 * /config.json are proxied to a running edge so the app works against the real stack.
 */
const EDGE_URL = process.env.TW_EDGE_URL ?? 'http://127.0.0.1:8080';
const proxy = {
  '/trpc': { target: EDGE_URL, changeOrigin: true },
  '/config.json': { target: EDGE_URL, changeOrigin: true },
};

const THEME_COLOR = '#0b0f17';
/**
 * shared/ is pure by design (no module does anything on import but define values), so
 * tell the bundler: what the app does not use of a door is dropped — above all the zod
 * schemas behind `@tradewind/shared/protocol`, which only the server needs.
 */
const SHARED_SOURCE = /[\\/]shared[\\/]src[\\/]/;

/** zod's JSON Schema generator: the two modules behind `schema.toJSONSchema()` and `~standard.jsonSchema`. */
const ZOD_JSON_SCHEMA = /[\\/]zod[\\/]v4[\\/]core[\\/](to-json-schema|json-schema-processors)\.js$/;
const OFF_PREFIX = '\0tw-zod-json-schema-off:';

/**
 * The backtest Web Worker parses strategy parameters with zod but never turns a schema into JSON
 * Schema; zod's classic schemas reference the generator from their prototype, so tree-shaking
 * cannot drop it (~14 KB, ~4 KB gzipped, of a chunk with a 64 KB budget). In the worker bundle
 * only, its two modules are replaced by modules with the same export names whose every export
 * throws if called: a use inside the worker fails loudly, never silently.
 */
function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'tw:zod-without-json-schema',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer === undefined || !source.startsWith('.')) return null;
      const path = resolve(dirname(importer.replace(OFF_PREFIX, '')), source);
      return ZOD_JSON_SCHEMA.test(path) ? `${OFF_PREFIX}${path}` : null;
    },
    load(id) {
      if (!id.startsWith(OFF_PREFIX)) return null;
      const real = readFileSync(id.slice(OFF_PREFIX.length), 'utf8');
      const names = new Set([...real.matchAll(/^export (?:const|function) (\w+)/gm)].map((m) => m[1]));
      const off = 'function off() { throw new Error("zod JSON Schema is not bundled into the backtest worker"); }';
      const exports = [...names].map((n) => `export const ${n} = off;`);
      if (real.includes('processSchema as process')) exports.push('export { off as process };');
      return [off, ...exports].join('\n');
    },
  };
}

export default defineConfig({
  plugins: [
    preact({ devToolsEnabled: false, prefreshEnabled: true }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // main.tsx registers the worker itself: no inline script, so a strict CSP holds.
      injectRegister: false,
      injectManifest: {
        // The app shell: the built code and page. The plugin adds the manifest and its icons,
        // and includeAssets the other icons. Never API responses.
        globPatterns: ['**/*.{js,css,html}'],
      },
      includeAssets: ['icons/favicon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Tradewind',
        short_name: 'Tradewind',
        description: 'Live markets, trading and strategies: an installable, offline-capable trading app.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOR,
        background_color: THEME_COLOR,
        categories: ['finance'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id) => (SHARED_SOURCE.test(id) ? false : undefined) },
    },
  },
  worker: { plugins: () => [zodWithoutJsonSchema()] },
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
});
