import { signal } from '@preact/signals';
import { hrefOf, parseHash, type Route } from './router';

/** The current route, following `location.hash`. */
export const currentRoute = signal<Route>(parseHash(location.hash));
addEventListener('hashchange', () => {
  currentRoute.value = parseHash(location.hash);
});

export function navigate(name: Parameters<typeof hrefOf>[0]): void {
  const href = hrefOf(name);
  if (location.hash !== href) location.hash = href;
  currentRoute.value = parseHash(href);
}
