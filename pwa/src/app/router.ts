/**
 * A tiny hash router: `#/login`, `#/register`, `#/` (market watch), and room for
 * parameterised routes later (`/chart/:symbol`). Hash routes need no server rewrite and
 * work offline from the precached index.html.
 */
export type Route =
  | { readonly name: 'market' }
  | { readonly name: 'login' }
  | { readonly name: 'register' }
  | { readonly name: 'not-found'; readonly path: string };

type RouteName = Exclude<Route['name'], 'not-found'>;

const ROUTES: readonly { readonly pattern: string; readonly name: RouteName }[] = [
  { pattern: '/', name: 'market' },
  { pattern: '/login', name: 'login' },
  { pattern: '/register', name: 'register' },
];

/** Longest hash we look at; anything longer is not one of ours. */
export const ROUTE_PATH_MAX = 256;

export function parseHash(hash: string): Route {
  const path = normalise(hash);
  for (const r of ROUTES) {
    if (matchPattern(r.pattern, path)) return { name: r.name };
  }
  return { name: 'not-found', path };
}

export function hrefOf(name: RouteName): string {
  const route = ROUTES.find((r) => r.name === name);
  return `#${route?.pattern ?? '/'}`;
}

function normalise(hash: string): string {
  const raw = hash.slice(0, ROUTE_PATH_MAX).replace(/^#/, '').split('?')[0] ?? '';
  const path = `/${raw.replace(/^\/+/, '').replace(/\/+$/, '')}`;
  return path;
}

/** `:name` segments match any one segment; the captures are returned for routes that need them. */
export function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':') && g !== '') params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return undefined;
  }
  return params;
}
