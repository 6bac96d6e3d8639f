import { signal } from '@preact/signals';
import { hrefOf, hrefOfSymbol, parseHash, type Route } from './router';

/** The current route, following `location.hash`. */
export const currentRoute = signal<Route>(parseHash(location.hash));
addEventListener('hashchange', () => {
  currentRoute.value = parseHash(location.hash);
});

/** A named section, or a symbol's screen. */
export function navigate(to: Parameters<typeof hrefOf>[0] | { symbol: string }): void {
  const href = typeof to === 'string' ? hrefOf(to) : hrefOfSymbol(to.symbol);
  if (location.hash !== href) location.hash = href;
  currentRoute.value = parseHash(href);
}
