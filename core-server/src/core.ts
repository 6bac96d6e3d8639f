import type { us_listen_socket } from 'uWebSockets.js';
import { randomUUID } from 'node:crypto';
import { connect, type DbHandle, findApiKey, listPublicSigningKeys, touchApiKey } from '@tradewind/db';
import { INSTRUMENTS } from '@tradewind/shared';
import { createEngine, type Engine } from '@tradewind/shared/engine';
import type { StrategyDefinition } from '@tradewind/shared/strategies';
import type { Registry } from 'prom-client';
import { startAlertAndEquityServices } from './alerts/index';
import { ApiKeyVerifier } from './auth/api-keys';
import { KeyStore } from './auth/key-store';
import { TokenStandings } from './auth/token-standing';
import { startBacktestJobs } from './backtest/jobs/job-runner';
import { type Clock, systemClock } from './clock';
import type { CoreConfig } from './config';
import { createHealthCheck } from './http/health';
import { registerHttpRoutes } from './http/routes';
import { createLogger, type Logger } from './logger';
import { createMarket } from './market/default-market';
import { MarketFrameEncoder } from './market/frame-encoder';
import type { MarketFeed } from './market/market-feed';
import { MarketPublisher } from './market/market-publisher';
import { CoreMetrics } from './metrics';
import { ReplayRunner, ReplaySessions, registerReplayRoutes, withReplays } from './replay/index';
import { registerStrategyRoutes, StrategyRunner } from './strategies/index';
import { registerTradingRoutes } from './trading/http-api';
import { OrderEntry, type OrderEntryDeps } from './trading/order-entry';
import { registerReadRoutes } from './trading/read-api';
import { createWsOrderHandler } from './trading/ws-orders';
import { assertNativeUws, uWS } from './uws';
import { failInternally, type MarketFrames } from './ws/dispatch';
import { createWsBehavior } from './ws/gateway';
import { OriginPolicy } from './ws/origin';
import { closeRevokedSockets } from './ws/revocations';
import { STALL_CLOSE_MS_DEFAULT, TopicHub } from './ws/topic-hub';

/** Connections of the core's pool: owner lookups, the projection, snapshots, keys, health (the journal has one of its own). */
export const CORE_DB_CONNECTIONS_MAX = 6;
/** Period of the backpressure sweep when the feed is quiet (the feed sweeps after each batch). */
export const HOUSEKEEPING_MS_MAX = 1_000;
/** WebSocket close code when the server goes away (RFC 6455 §7.4.1). */
export const CLOSE_GOING_AWAY = 1001;

export type CoreOptions = {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** A feed to run instead of the configured simulated market (tests, benchmarks, issue 4's engine). */
  readonly feed?: MarketFeed;
  readonly stallCloseMs?: number;
  /** The engine to run (default: the simulated instruments with default limits). */
  readonly engine?: Engine;
  /** Journal tuning (tests, benchmarks). */
  readonly journal?: Pick<
    OrderEntryDeps,
    'batchMax' | 'queueMax' | 'snapshotEveryCommands' | 'retryMs' | 'unknownWaitMs'
  >;
  /** The strategies users may deploy live (default: the built-ins; tests add misbehaving ones). */
  readonly strategies?: ReadonlyMap<string, StrategyDefinition>;
  /** Overrides the per-socket message rate (benchmarks). */
  readonly messagesPerSecondMax?: number;
};

export type CoreHandle = {
  readonly port: number;
  readonly metrics: CoreMetrics;
  readonly feed: MarketFeed;
  readonly logger: Logger;
  /** The order-entry function (also the venue of the simulated market: `submitInternal`). */
  readonly trading: OrderEntry;
  /** The live strategy runner (issue 6). */
  readonly strategies: StrategyRunner;
  clients(): number;
  close(): Promise<void>;
};

/** Starts the core: HTTP and WebSocket on one uWS app, the market feed, the key store. */
export async function startCore(config: CoreConfig, options: CoreOptions = {}): Promise<CoreHandle> {
  assertNativeUws();
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? createLogger(config.logLevel);
  const metrics = new CoreMetrics();
  const database = connect(config.databaseUrl, { max: CORE_DB_CONNECTIONS_MAX, appName: 'tradewind-core' });
  // The journal's own connection, named uniquely so that recovery can fence it (OrderEntryDeps.journal).
  const journalAppName = `tradewind-journal-${randomUUID().slice(0, 8)}`;
  const journalDb = connect(config.databaseUrl, { max: 1, appName: journalAppName });
  const authLog = log.child({ component: 'keys' });
  // RELIABILITY S2: a token must still stand (not logged out, not older than the user's cut-off).
  const standings = new TokenStandings(database.sql, clock, metrics, authLog);
  const keys = new KeyStore(() => listPublicSigningKeys(database.db), clock, metrics, authLog, standings);
  // Neither is fatal when it fails: public market data must flow while the database is away.
  await Promise.all([keys.load(), standings.start()]);

  const app = uWS.App();
  const stallCloseMs = options.stallCloseMs ?? STALL_CLOSE_MS_DEFAULT;
  const hub = new TopicHub(app, metrics, clock, log.child({ component: 'hub' }), stallCloseMs);
  closeRevokedSockets({ hub, standings, metrics, log: log.child({ component: 'ws' }) });
  const origins = new OriginPolicy(config.allowedOrigins);
  const engine = options.engine ?? createEngine({ instruments: INSTRUMENTS });
  const trading = await OrderEntry.start({
    sql: database.sql,
    journal: { sql: journalDb.sql, appName: journalAppName },
    engine,
    clock,
    log: log.child({ component: 'trading' }),
    publish: (topic, text) => hub.publish(topic, text),
    hasSubscribers: (topic) => hub.hasSubscribers(topic),
    registry: metrics.registry,
    ...options.journal,
  });
  // Issue 7: price alerts on every trade, equity samples for reports.
  const { instruments } = engine.config;
  const reporting = await startAlertAndEquityServices({ sql: database.sql, venue: trading, instruments, clock, log });
  const backtests = startBacktestJobs(database, log); // issue 6: server backtests in worker threads
  const strategies = await startStrategies(database, trading, clock, log, { ...options, registry: metrics.registry });
  // The simulated market trades through order entry (journalled), so it comes after it.
  const marketDeps = { config, venue: trading, engine, clock, metrics, log, sql: database.sql, taps: [strategies] };
  const market = createMarket(marketDeps, options.feed);
  const { feed } = market;
  const encoder = new MarketFrameEncoder(feed.instruments);
  const replays = startReplays({ database, engine, clock, metrics, log, hub, onError: failFeed(metrics, log) });
  const mount = { config, options, hub, keys, clock, metrics, log, origins, trading, database, feed };
  mountRoutes(app, { ...mount, encoder: withReplays(encoder, replays.sessions), strategies });
  registerReplayRoutes(app, {
    sessions: replays.sessions,
    keys,
    serviceToken: config.serviceToken,
    log: log.child({ component: 'replay' }),
  });

  const listenSocket = await listen(app, config.host, config.port);
  const port = uWS.us_socket_local_port(listenSocket as never);
  feed.start(new MarketPublisher(encoder, hub, metrics));
  const housekeeping = setInterval(() => hub.sweep(), Math.min(HOUSEKEEPING_MS_MAX, Math.max(10, stallCloseMs / 4)));
  log.info({ host: config.host, port, feed: feed.name, instruments: feed.instruments.length }, 'core-server listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearInterval(housekeeping);
      hub.stopSweeps();
      feed.stop();
      replays.close();
      // Closed bars and queued ticks reach the database before it is closed: a restart loses no closed bar.
      await market.recorder?.close();
      await strategies.close();
      await reporting.close();
      await backtests.close();
      await trading.close();
      await journalDb.close();
      await standings.close();
      uWS.us_listen_socket_close(listenSocket);
      hub.closeAll(CLOSE_GOING_AWAY, 'server shutting down');
      await database.close();
      log.info('core-server stopped');
    })();
    return closing;
  };
  return { port, metrics, feed, logger: log, trading, strategies, clients: () => hub.size, close };
}

/** Issue 6: live strategies, resumed before the market starts; they trade through order entry. */
function startStrategies(
  database: DbHandle,
  trading: OrderEntry,
  clock: Clock,
  log: Logger,
  options: CoreOptions & { registry: Registry },
) {
  return StrategyRunner.start({
    ...{ sql: database.sql, trading, clock, log: log.child({ component: 'strategies' }), registry: options.registry },
    ...(options.strategies && { definitions: options.strategies }),
  });
}

function listen(app: uWS.TemplatedApp, host: string, port: number): Promise<uWS.us_listen_socket> {
  return new Promise((resolve, reject) => {
    app.listen(host, port, (socket: us_listen_socket | false) => {
      if (socket === false) reject(new Error(`core-server could not listen on ${host}:${port}`));
      else resolve(socket);
    });
  });
}

/** Users' replay sessions: one timer for all, frames through the hub on topics of their own. */
function startReplays(d: {
  database: DbHandle;
  engine: Engine;
  clock: Clock;
  metrics: CoreMetrics;
  log: Logger;
  hub: TopicHub;
  onError: (e: unknown) => void;
}) {
  const runner = new ReplayRunner(() => performance.now(), d.onError);
  const sessions = new ReplaySessions({
    sql: d.database.sql,
    instruments: d.engine.config.instruments,
    clock: d.clock,
    runner,
    output: {
      sinkOf: (encoder) => new MarketPublisher(encoder, d.hub, d.metrics),
      publish: (topic, text) => d.hub.publish(topic, text),
    },
    hasSubscribers: (topic) => d.hub.hasSubscribers(topic),
    log: d.log.child({ component: 'replay' }),
    registry: d.metrics.registry,
  });
  return {
    sessions,
    close: () => {
      sessions.close();
      runner.close();
    },
  };
}

function failFeed(metrics: CoreMetrics, log: Logger) {
  return (e: unknown) => {
    metrics.internalErrors.inc({ where: 'replay' });
    log.error({ err: e }, 'replay tick failed');
  };
}

type Mount = {
  config: CoreConfig;
  options: CoreOptions;
  hub: TopicHub;
  encoder: MarketFrames;
  keys: KeyStore;
  clock: Clock;
  metrics: CoreMetrics;
  log: Logger;
  origins: OriginPolicy;
  trading: OrderEntry;
  database: DbHandle;
  feed: MarketFeed;
  strategies: StrategyRunner;
};

/** The WebSocket protocol and every HTTP route, all ending in the one order-entry path. */
function mountRoutes(app: uWS.TemplatedApp, m: Mount): void {
  const { config, options, hub, encoder, keys, clock, metrics, log, origins, trading, database, feed } = m;
  registerStrategyRoutes(app, { runner: m.strategies, serviceToken: config.serviceToken, log });
  const ctx = { hub, encoder, keys, clock, metrics, log: log.child({ component: 'ws' }), origins };
  app.ws(
    '/v1/ws',
    createWsBehavior({
      ...ctx,
      ...(options.messagesPerSecondMax === undefined ? {} : { messagesPerSecondMax: options.messagesPerSecondMax }),
      trading: createWsOrderHandler(trading, clock, (session, e) => failInternally(ctx, session, 'order', e)),
      authorizeTopic: async (userId, topic) => {
        // A database outage refuses the private topic (fail closed) instead of failing the socket.
        const owner = await trading.accounts.lookup(topic.slice(topic.indexOf('.') + 1)).catch(() => undefined);
        return owner !== undefined && owner.userId === userId;
      },
    }),
  );
  const apiKeys = new ApiKeyVerifier({
    find: (id) => findApiKey(database.sql, id),
    touch: (id, atMs) => touchApiKey(database.sql, id, atMs),
    clock,
    metrics,
    log: log.child({ component: 'api-keys' }),
  });
  registerTradingRoutes(app, {
    entry: trading,
    keys,
    apiKeys,
    serviceToken: config.serviceToken,
    log: log.child({ component: 'http' }),
  });
  registerReadRoutes(app, {
    sql: database.sql,
    keys,
    apiKeys,
    accounts: trading.accounts,
    log: log.child({ component: 'http' }),
  });
  const startedAtMs = performance.now();
  const health = createHealthCheck({
    startedAtMs,
    sql: database.sql,
    feed,
    clients: () => hub.size,
    verificationKeys: () => keys.size,
  });
  registerHttpRoutes(app, { metrics, log, health });
}
