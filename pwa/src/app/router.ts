/**
 * A tiny hash router: `#/login`, `#/register`, `#/` (market watch), `#/trade/BTC-USD` (a
 * symbol: ticket, depth, trades), `#/chart/BTC-USD` (and `#/chart/BTC-USD/replay/<id>`), `#/import`,
 * `#/orders`, `#/portfolio`, `#/strategies` (and `#/strategies/<deployment id>`), `#/settings/security`
 * (the password). Hash routes need no server
 * rewrite and work offline from the precached index.html.
 */
export type Route =
  | { readonly name: 'market' }
  | { readonly name: 'login' }
  | { readonly name: 'register' }
  | { readonly name: 'trade'; readonly symbol: string }
  | { readonly name: 'chart'; readonly symbol: string; readonly replay?: string }
  | { readonly name: 'import' }
  | { readonly name: 'orders' }
  | { readonly name: 'portfolio' }
  | { readonly name: 'inbox' }
  | { readonly name: 'notification-settings' }
  | { readonly name: 'api-keys' }
  | { readonly name: 'security' }
  | { readonly name: 'alerts' }
  | { readonly name: 'reports' }
  | { readonly name: 'backtest' }
  | { readonly name: 'strategies'; readonly id?: string }
  | { readonly name: 'not-found'; readonly path: string };

type RouteName = Exclude<Route['name'], 'not-found' | 'trade' | 'chart'>;

const ROUTES: readonly { readonly pattern: string; readonly name: RouteName }[] = [
  { pattern: '/', name: 'market' },
  { pattern: '/login', name: 'login' },
  { pattern: '/register', name: 'register' },
  { pattern: '/orders', name: 'orders' },
  { pattern: '/portfolio', name: 'portfolio' },
  { pattern: '/inbox', name: 'inbox' },
  { pattern: '/settings/notifications', name: 'notification-settings' },
  { pattern: '/settings/api-keys', name: 'api-keys' },
  { pattern: '/settings/security', name: 'security' },
  { pattern: '/alerts', name: 'alerts' },
  { pattern: '/reports', name: 'reports' },
  { pattern: '/backtest', name: 'backtest' },
  { pattern: '/strategies', name: 'strategies' },
  { pattern: '/import', name: 'import' },
];

const TRADE_PATTERN = '/trade/:symbol';
const STRATEGY_PATTERN = '/strategies/:id';
/** A deployment id (a uuid). */
const DEPLOYMENT_ID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHART_PATTERN = '/chart/:symbol';
const REPLAY_PATTERN = '/chart/:symbol/replay/:id';
/** A replay session id (core's REPLAY_ID_PATTERN). */
const REPLAY_ID_TEXT = /^[a-f0-9]{16}$/;
/** Same shape as the core's symbols; anything else is not a symbol screen. */
const SYMBOL_TEXT = /^[A-Z0-9]{1,12}(?:-[A-Z0-9]{1,12})?$/;

/** Longest hash we look at; anything longer is not one of ours. */
export const ROUTE_PATH_MAX = 256;

export function parseHash(hash: string): Route {
  const path = normalise(hash);
  for (const r of ROUTES) {
    if (matchPattern(r.pattern, path)) return { name: r.name };
  }
  const symbol = matchPattern(TRADE_PATTERN, path)?.symbol;
  if (symbol !== undefined && SYMBOL_TEXT.test(symbol)) return { name: 'trade', symbol };
  const charted = matchPattern(CHART_PATTERN, path)?.symbol;
  if (charted !== undefined && SYMBOL_TEXT.test(charted)) return { name: 'chart', symbol: charted };
  const replay = matchPattern(REPLAY_PATTERN, path);
  if (replay?.symbol !== undefined && SYMBOL_TEXT.test(replay.symbol) && REPLAY_ID_TEXT.test(replay.id ?? '')) {
    return { name: 'chart', symbol: replay.symbol, replay: replay.id as string };
  }
  const deployment = matchPattern(STRATEGY_PATTERN, path)?.id;
  if (deployment !== undefined && DEPLOYMENT_ID_TEXT.test(deployment)) return { name: 'strategies', id: deployment };
  return { name: 'not-found', path };
}

/** `#/trade/BTC-USD`: the symbol screen. */
export function hrefOfSymbol(symbol: string): string {
  return `#/trade/${encodeURIComponent(symbol)}`;
}

/** `#/chart/BTC-USD`: the symbol's chart. */
export function hrefOfChart(symbol: string): string {
  return `#/chart/${encodeURIComponent(symbol)}`;
}

/** `#/chart/BTC-USD/replay/<id>`: the chart playing a replay session. */
export function hrefOfReplay(symbol: string, id: string): string {
  return `#/chart/${encodeURIComponent(symbol)}/replay/${id}`;
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
    if (w.startsWith(':') && g !== '') {
      const value = decodeSegment(g);
      if (value === undefined) return undefined;
      params[w.slice(1)] = value;
    } else if (w !== g) return undefined;
  }
  return params;
}

/** A malformed escape (`%E0`) is not a route, never an exception. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
