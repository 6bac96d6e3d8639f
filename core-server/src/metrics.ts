import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * A counter bumped once or twice per order: a number field, added to the prom-client counter
 * whenever the registry reads it (prom-client's `inc` hashes a label object and allocates, ~0.1 µs).
 */
export class HotCounter {
  private pending = 0;
  readonly counter: Counter;

  constructor(config: { name: string; help: string; registers: Registry[] }) {
    const take = () => {
      const n = this.pending;
      this.pending = 0;
      return n;
    };
    this.counter = new Counter({
      ...config,
      collect() {
        const n = take();
        if (n > 0) this.inc(n);
      },
    });
  }

  inc(): void {
    this.pending += 1;
  }
}

/**
 * Every queue, drop, error and rate of the core, in one registry per core instance (tests run
 * several cores in one process, so nothing goes to prom-client's global registry).
 */
export class CoreMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({
    name: 'core_ws_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
  readonly connectionsOpened = new Counter({
    name: 'core_ws_connections_opened_total',
    help: 'WebSocket connections accepted',
    registers: [this.registry],
  });
  readonly upgradesRefused = new Counter({
    name: 'core_ws_upgrades_refused_total',
    help: 'WebSocket upgrades refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly messagesIn = new HotCounter({
    name: 'core_ws_messages_in_total',
    help: 'Client frames received',
    registers: [this.registry],
  });
  readonly messagesOut = new HotCounter({
    name: 'core_ws_messages_out_total',
    help: 'Frames sent to one socket (answers, errors, hello, snapshots, conflated catch-up)',
    registers: [this.registry],
  });
  readonly deferred = new Counter({
    name: 'core_ws_frames_deferred_total',
    help: 'Answers held back because their socket was past its backpressure limit (sent when it drains)',
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'core_ws_errors_total',
    help: 'Error frames sent, by protocol error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly published = new Counter({
    name: 'core_md_frames_published_total',
    help: 'Market-data frames published (serialised once, fanned out by uWS)',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
  readonly dropped = new Counter({
    name: 'core_md_frames_dropped_total',
    help: 'Market-data frames not delivered to a slow socket, by reason (conflated: replaced by a newer frame)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly slowConsumers = new Gauge({
    name: 'core_ws_slow_consumers',
    help: 'Sockets currently in slow mode (market data conflated instead of queued)',
    registers: [this.registry],
  });
  readonly bufferedBytesMax = new Gauge({
    name: 'core_ws_buffered_bytes_max',
    help: 'Largest send backlog of any socket at the last backpressure sweep, in bytes',
    registers: [this.registry],
  });
  readonly slowEntered = new Counter({
    name: 'core_ws_slow_consumer_events_total',
    help: 'Times a socket entered slow mode',
    registers: [this.registry],
  });
  readonly stalledClosed = new Counter({
    name: 'core_ws_stalled_closed_total',
    help: 'Sockets closed because they stayed slow past the stall bound',
    registers: [this.registry],
  });
  readonly backpressureLimitHits = new Counter({
    name: 'core_ws_backpressure_limit_hits_total',
    help: 'Sockets seen at the hard uWS backpressure limit (uWS itself skipped frames for them)',
    registers: [this.registry],
  });
  readonly authAttempts = new Counter({
    name: 'core_auth_attempts_total',
    help: 'WebSocket auth attempts, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly apiKeyChecks = new Counter({
    name: 'core_api_key_checks_total',
    help: 'REST calls made with an API key, by outcome (ok, invalid: unknown, wrong, revoked or expired; scope; rate_limited)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly tokenStandingReads = new Counter({
    name: 'core_auth_token_standing_reads_total',
    help: "Reads of an access token's session standing from the database (cache misses), by outcome",
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly tokenRevocations = new Counter({
    name: 'core_auth_token_revocations_total',
    help: 'Token revocations announced by the database (logout, refresh reuse, tokens_valid_after moved)',
    registers: [this.registry],
  });

  readonly socketsRevoked = new Counter({
    name: 'core_ws_sockets_revoked_total',
    help: 'WebSockets closed because their access token was cut off (RELIABILITY S2)',
    registers: [this.registry],
  });

  readonly keyReloads = new Counter({
    name: 'core_auth_key_reloads_total',
    help: 'Loads of the token verification keys from the database, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly feedSteps = new Counter({
    name: 'core_feed_steps_total',
    help: 'Steps of the market feed',
    registers: [this.registry],
  });
  readonly internalErrors = new Counter({
    name: 'core_internal_errors_total',
    help: 'Bugs caught at a handler boundary (logged with context), by where',
    labelNames: ['where'] as const,
    registers: [this.registry],
  });
  readonly uncaught = new Counter({
    name: 'core_uncaught_errors_total',
    help: 'Uncaught exceptions and unhandled rejections of the process',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor() {
    // process_*, nodejs_eventloop_lag_* (event-loop lag), heap and GC metrics.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
