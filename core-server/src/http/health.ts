import type { Sql } from '@tradewind/db';
import type { MarketFeed } from '../market/market-feed';

/** How long /healthz waits for `select 1` before calling the database unreachable. */
export const DB_PROBE_TIMEOUT_MS = 1_000;

export type HealthReport = {
  readonly ok: boolean;
  readonly uptimeS: number;
  readonly clients: number;
  readonly feed: {
    readonly name: string;
    readonly running: boolean;
    readonly steps: number;
    readonly failing: boolean;
  };
  readonly db: { readonly reachable: boolean; readonly latencyMs: number | undefined };
  readonly verificationKeys: number;
};

export type HealthSources = {
  readonly startedAtMs: number;
  readonly sql: Sql;
  readonly feed: MarketFeed;
  readonly clients: () => number;
  readonly verificationKeys: () => number;
};

/** A probe of the database at most in flight once, however many /healthz requests come. */
export function createHealthCheck(src: HealthSources): () => Promise<HealthReport> {
  let probe: Promise<number | undefined> | undefined;
  const probeDb = () => {
    probe ??= pingDatabase(src.sql).finally(() => {
      probe = undefined;
    });
    return probe;
  };
  return async () => {
    const latencyMs = await probeDb();
    const feed = src.feed.health();
    const reachable = latencyMs !== undefined;
    const failing = feed.consecutiveFailures > 0;
    return {
      ok: reachable && feed.running && !failing,
      uptimeS: Math.round((performance.now() - src.startedAtMs) / 1000),
      clients: src.clients(),
      feed: { name: src.feed.name, running: feed.running, steps: feed.steps, failing },
      db: { reachable, latencyMs },
      verificationKeys: src.verificationKeys(),
    };
  };
}

/** Round-trip time of `select 1` in ms, or undefined when it fails or takes too long. */
async function pingDatabase(sql: Sql): Promise<number | undefined> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), DB_PROBE_TIMEOUT_MS);
  });
  const query = sql`select 1`.then(
    () => Math.round((performance.now() - t0) * 100) / 100,
    () => undefined,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
