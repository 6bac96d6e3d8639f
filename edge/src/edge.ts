import { connect, type DbHandle } from '@tradewind/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { CachedValue } from './cache/cached-value';
import { type Clock, systemClock } from './clock';
import type { EdgeConfig } from './config';
import type { EdgeServices } from './context';
import { createCoreClient } from './core-client/index';
import { health } from './http/health';
import { type ConnectionInfo, requestInfo } from './http/request-info';
import { json, text, withHeaders } from './http/responses';
import { wsOrigin } from './http/security-headers';
import { servePwa } from './http/static/serve-pwa';
import { KeyRing } from './identity/key-ring';
import { LOGIN_FAILURE_WINDOW_MS, pruneLoginFailures } from './identity/login-throttle';
import { meetsMinimum, PasswordHasher } from './identity/password';
import { createLogger, type Logger } from './logger';
import { CANDLES_HTTP_PATH, candlesHttp } from './market-data/http/candles-route';
import { createMarketData } from './market-data/wiring';
import { createEdgeMetrics, type HttpRoute } from './metrics';
import { createNotificationService, NOTIFY_DEFAULTS } from './notifications/index';
import { appRouter } from './router';
import { loadInstruments } from './routers/market/instrument-view';
import { INSTRUMENTS_CACHE_TTL_MS } from './routers/market/instruments';
import { REPORTS_HTTP_PREFIX, reportsHttp } from './routers/reports/http';

export const TRPC_ENDPOINT = '/trpc';
/** Calls per tRPC batch request; the PWA batches a screen's queries, far fewer than this. */
export const TRPC_BATCH_SIZE_MAX = 16;
/** Request bodies beyond this are refused with 413 (tRPC inputs are small JSON). */
export const REQUEST_BODY_BYTES_MAX = 64 * 1024;
const LOGIN_FAILURE_PRUNE_INTERVAL_MS = LOGIN_FAILURE_WINDOW_MS;

export type EdgeDeps = { clock?: Clock; logger?: Logger };

export type Edge = {
  /** The whole of edge as one Web-standard handler: the same code on Node or an edge runtime. */
  fetch(request: Request, connection?: ConnectionInfo): Promise<Response>;
  readonly services: EdgeServices;
  close(): Promise<void>;
};

function createServices(config: EdgeConfig, handle: DbHandle, deps: EdgeDeps): EdgeServices {
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? createLogger(config.logLevel);
  const nowMs = () => clock.nowMs();
  const metrics = createEdgeMetrics();
  if (!meetsMinimum(config.passwordHash)) log.warn({ policy: config.passwordHash }, 'argon2 policy below S3 minimum');
  return {
    config,
    db: handle.db,
    clock,
    log,
    metrics,
    keys: new KeyRing(handle.db, nowMs),
    passwords: new PasswordHasher(config.passwordHash),
    instruments: new CachedValue({ load: () => loadInstruments(handle.db), ttlMs: INSTRUMENTS_CACHE_TTL_MS, nowMs }),
    marketData: createMarketData(config, handle.sql, nowMs, log, metrics.registry),
    core: config.coreInternal ? createCoreClient(config.coreInternal) : null,
    notifications: createNotificationService({
      sql: handle.sql,
      config: config.notify ?? { ...NOTIFY_DEFAULTS, worker: false },
      clock,
      log,
      appOrigin: `http://${config.host}:${config.port}`,
      registry: metrics.registry,
    }),
  };
}

function trpc(services: EdgeServices, request: Request, connection: ConnectionInfo): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    maxBatchSize: TRPC_BATCH_SIZE_MAX,
    createContext: ({ resHeaders }) => ({
      ...services,
      request: requestInfo(request, connection, services.config.trustProxy),
      resHeaders,
      auth: null,
    }),
    onError: ({ error, path }) => {
      services.metrics.trpcErrors.inc({ code: error.code });
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        services.metrics.uncaughtErrors.inc({ where: 'trpc' });
        services.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      }
    },
  });
}

function tooLarge(request: Request): boolean {
  const length = Number(request.headers.get('Content-Length') ?? '0');
  return !Number.isFinite(length) || length > REQUEST_BODY_BYTES_MAX;
}

type Routed = { route: HttpRoute; response: Response };

async function route(s: EdgeServices, sql: DbHandle['sql'], request: Request, c: ConnectionInfo): Promise<Routed> {
  const url = new URL(request.url);
  const { pathname } = url;
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (pathname === TRPC_ENDPOINT || pathname.startsWith(`${TRPC_ENDPOINT}/`)) {
    if (tooLarge(request)) return { route: 'trpc', response: text('Request body too large.', 413) };
    const response = await trpc(s, request, c);
    // Answers may carry tokens or private data: no cache anywhere may keep them.
    return { route: 'trpc', response: withHeaders(response, { 'Cache-Control': 'no-store' }) };
  }
  if (!isRead) return { route: 'not_found', response: text('Method not allowed.', 405, { Allow: 'GET, HEAD' }) };
  if (pathname === CANDLES_HTTP_PATH) return { route: 'market', response: await candlesHttp(s, url) };
  if (pathname.startsWith(REPORTS_HTTP_PREFIX)) {
    return { route: 'reports', response: await reportsHttp(s, requestInfo(request, c, s.config.trustProxy), url) };
  }
  if (pathname === '/healthz') return { route: 'healthz', response: await health(sql) };
  if (pathname === '/metrics') {
    const body = await s.metrics.registry.metrics();
    const headers = { 'Content-Type': s.metrics.registry.contentType, 'Cache-Control': 'no-store' };
    return { route: 'metrics', response: withHeaders(new Response(body, { headers })) };
  }
  if (pathname === '/config.json') {
    return { route: 'config', response: json({ coreWsUrl: s.config.coreWsUrl }, 200, { 'Cache-Control': 'no-cache' }) };
  }
  return servePwa(request, url, { dist: s.config.pwaDist, coreWsOrigin: wsOrigin(s.config.coreWsUrl) });
}

/** Builds edge: connects to PostgreSQL and returns the fetch handler. */
export function createEdge(config: EdgeConfig, deps: EdgeDeps = {}): Edge {
  const handle = connect(config.databaseUrl, { appName: 'tradewind-edge' });
  const services = createServices(config, handle, deps);
  const { metrics, log } = services;
  const prune = setInterval(() => {
    pruneLoginFailures(handle.db, services.clock.nowMs()).catch((err) => {
      metrics.uncaughtErrors.inc({ where: 'prune' });
      log.error({ err }, 'pruning login failures failed');
    });
  }, LOGIN_FAILURE_PRUNE_INTERVAL_MS);
  prune.unref();
  // Started in the background: requests do not wait for it; a failure is logged, and
  // vapidPublicKey() and the worker retry on their own next use.
  services.notifications.start().catch((err) => {
    metrics.uncaughtErrors.inc({ where: 'notifications' });
    log.error({ err }, 'notification service failed to start');
  });
  async function fetch(request: Request, connection: ConnectionInfo = {}): Promise<Response> {
    const stop = metrics.httpDuration.startTimer();
    let routed: Routed;
    try {
      routed = await route(services, handle.sql, request, connection);
    } catch (err) {
      // A bug or broken infrastructure, never the caller's fault: logged, counted, answered.
      metrics.uncaughtErrors.inc({ where: 'http' });
      log.error({ err, method: request.method, url: request.url }, 'request failed');
      routed = { route: 'error', response: text('Internal server error.', 500) };
    }
    stop({ route: routed.route });
    metrics.httpRequests.inc({ route: routed.route, status: String(routed.response.status) });
    return routed.response;
  }
  return {
    fetch,
    services,
    close: async () => {
      clearInterval(prune);
      await services.notifications.close().catch((err) => log.error({ err }, 'closing notifications failed'));
      await services.marketData.close();
      await handle.close();
    },
  };
}
