import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Every HTTP route edge answers; a closed set keeps the label cardinality bounded. */
export type HttpRoute =
  | 'trpc'
  | 'market'
  | 'reports'
  | 'healthz'
  | 'metrics'
  | 'config'
  | 'static'
  | 'spa'
  | 'not_found'
  | 'error';

/** Edge's Prometheus metrics, on a registry per instance (tests run several in one process). */
export function createEdgeMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'edge_' });
  const m = {
    registry,
    httpRequests: new Counter({
      name: 'edge_http_requests_total',
      help: 'HTTP requests answered, by route and status',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'edge_http_request_duration_seconds',
      help: 'Time to produce a response (headers), by route',
      labelNames: ['route'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    trpcErrors: new Counter({
      name: 'edge_trpc_errors_total',
      help: 'tRPC procedure errors, by tRPC code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    uncaughtErrors: new Counter({
      name: 'edge_uncaught_errors_total',
      help: 'Errors that escaped a handler (bugs or broken infrastructure), by where they were caught',
      labelNames: ['where'] as const,
      registers: [registry],
    }),
    loginFailures: new Counter({
      name: 'edge_login_failures_total',
      help: 'Logins refused for wrong credentials',
      registers: [registry],
    }),
    loginThrottled: new Counter({
      name: 'edge_login_throttled_total',
      help: 'Logins refused by the failed-login rate limit, by scope',
      labelNames: ['scope'] as const,
      registers: [registry],
    }),
    passwordChanges: new Counter({
      name: 'edge_password_changes_total',
      help: 'auth.changePassword calls, by outcome (changed, wrong_password, throttled)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    refreshReuse: new Counter({
      name: 'edge_refresh_token_reuse_total',
      help: 'Spent refresh tokens presented again (the session family was revoked)',
      registers: [registry],
    }),
    cacheLookups: new Counter({
      name: 'edge_cache_lookups_total',
      help: 'In-process cache lookups, by cache and result',
      labelNames: ['cache', 'result'] as const,
      registers: [registry],
    }),
  };
  return m;
}

export type EdgeMetrics = ReturnType<typeof createEdgeMetrics>;
