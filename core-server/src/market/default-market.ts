import type { Sql } from '@tradewind/db';
import { SIMULATED_INSTRUMENTS, type SimulatedInstrument } from '@tradewind/shared';
import type { Engine } from '@tradewind/shared/engine';
import type { Clock } from '../clock';
import { type CoreConfig, MARKET_DEFAULTS } from '../config';
import type { Logger } from '../logger';
import type { CoreMetrics } from '../metrics';
import { MarketRecorder } from '../recording/market-recorder';
import { ReplayFeed } from '../replay/replay-feed';
import { EngineFeed, type MarketDataTap } from './engine-feed';
import type { MarketFeed } from './market-feed';
import type { MarketVenue } from './market-venue';
import { SimulatedFeed } from './simulated-feed';

export type MarketDeps = {
  readonly config: CoreConfig;
  /** Core's order entry: agents' commands are journalled like users'. */
  readonly venue: MarketVenue;
  /** The market runs on the configured symbols that this engine trades. */
  readonly engine: Engine;
  readonly clock: Clock;
  readonly metrics: CoreMetrics;
  readonly log: Logger;
  readonly sql: Sql;
  /** More consumers of the derived market data besides the recorder (the live strategy runner). */
  readonly taps?: readonly MarketDataTap[];
};

export type Market = { readonly feed: MarketFeed; readonly recorder: MarketRecorder | undefined };

/**
 * The configured market: agents on the engine's books with their market data recorded
 * (default), the old random walk (no book, not recorded) when SIM_FEED=random-walk, or a
 * replay of recorded history (not recorded again) when MARKET_SOURCE=replay.
 * A feed given by the caller (tests, benchmarks) replaces it, unrecorded.
 */
export function createMarket(deps: MarketDeps, override?: MarketFeed): Market {
  if (override !== undefined) return { feed: override, recorder: undefined };
  const { config, clock, metrics, log } = deps;
  const onError = (e: unknown) => {
    metrics.internalErrors.inc({ where: 'feed' });
    log.error({ err: e }, 'market feed step failed');
  };
  const engineSymbols = new Set(deps.engine.config.instruments.map((i) => i.symbol));
  const instruments = simulatedInstruments(config.simSymbols, engineSymbols);
  if (config.marketSource === 'replay' && config.replay !== undefined) {
    // The record itself is playing: recording it again would duplicate it.
    const { fromMs, toMs, speed } = config.replay;
    const feed = new ReplayFeed({
      sql: deps.sql,
      instruments: instruments.map((s) => s.instrument),
      fromMs,
      toMs,
      speed,
      onError,
    });
    return { feed, recorder: undefined };
  }
  if ((config.simFeed ?? MARKET_DEFAULTS.simFeed) === 'random-walk') {
    const feed = new SimulatedFeed({
      seed: config.simSeed,
      ticksPerSecond: config.simTicksPerSecond,
      instruments,
      clock,
      onError,
    });
    return { feed, recorder: undefined };
  }
  const recorder = new MarketRecorder({
    sql: deps.sql,
    clock,
    log: log.child({ component: 'recorder' }),
    registry: metrics.registry,
    retentionDays: config.mdRetentionDays ?? MARKET_DEFAULTS.mdRetentionDays,
  });
  const feed = new EngineFeed({
    venue: deps.venue,
    instruments,
    seed: config.simSeed,
    stepsPerSecond: config.simAgentRate ?? MARKET_DEFAULTS.simAgentRate,
    volatilityScale: config.simVolatilityScale ?? MARKET_DEFAULTS.simVolatilityScale,
    clock,
    tap: fanOut([recorder, ...(deps.taps ?? [])]),
    onError,
  });
  return { feed, recorder };
}

/** The catalog entries of the configured symbols (all by default) that the engine trades. */
export function simulatedInstruments(symbols: readonly string[] | undefined, engineSymbols: ReadonlySet<string>) {
  const wanted = symbols === undefined ? undefined : new Set(symbols);
  const out: SimulatedInstrument[] = SIMULATED_INSTRUMENTS.filter(
    (s) => engineSymbols.has(s.instrument.symbol) && (wanted === undefined || wanted.has(s.instrument.symbol)),
  );
  if (out.length === 0) throw new Error('the simulated market has no instrument the engine trades (SIM_SYMBOLS)');
  return out;
}

function fanOut(taps: readonly MarketDataTap[]): MarketDataTap {
  return {
    record(batch) {
      for (const t of taps) t.record(batch);
    },
  };
}
