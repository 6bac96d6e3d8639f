import type { Sql } from '@tradewind/db';
import { Counter, type Registry } from 'prom-client';
import type { EdgeConfig } from '../config';
import type { Logger } from '../logger';
import { MARKET_DATA_DEFAULTS } from './config';
import { MarketDataService } from './market-data';

/** Builds edge's market-data service with its metrics on edge's registry. */
export function createMarketData(config: EdgeConfig, sql: Sql, nowMs: () => number, log: Logger, registry: Registry) {
  const lookups = new Counter({
    name: 'edge_market_cache_lookups_total',
    help: 'Candle and trade cache lookups, by result (fresh, stale, shared = from Redis, miss)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const skipped = new Counter({
    name: 'edge_market_refresh_skipped_total',
    help: 'Background refreshes not started because the concurrency bound was reached',
    registers: [registry],
  });
  const failures = new Counter({
    name: 'edge_market_source_failures_total',
    help: 'Source requests that fell short, by source and failure',
    labelNames: ['source', 'failure'] as const,
    registers: [registry],
  });
  const redisErrors = new Counter({
    name: 'edge_market_redis_errors_total',
    help: 'Redis commands that failed or timed out (answered as cache misses)',
    registers: [registry],
  });
  return new MarketDataService({
    sql,
    config: config.marketData ?? MARKET_DATA_DEFAULTS,
    nowMs,
    log,
    events: {
      lookup: (result) => lookups.inc({ result }),
      refreshSkipped: () => skipped.inc(),
      sourceFailure: (source, failure) => failures.inc({ source, failure }),
      redisError: () => redisErrors.inc(),
    },
  });
}
