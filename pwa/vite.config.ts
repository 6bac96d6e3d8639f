import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
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
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 4173, proxy },
});
