/**
 * Registers the service worker (sw.ts, built to /sw.js). Done here rather than by an
 * injected inline script so the page keeps a strict Content Security Policy.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((e: unknown) => {
      console.warn('service worker registration failed; the app will not work offline', e);
    });
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}
