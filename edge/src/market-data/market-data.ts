import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { Bar } from './bar';
import { BarStore, type StoreSource } from './bar-store';
import { LruCache } from './cache/lru';
import { noSharedCache, REDIS_COMMAND_TIMEOUT_MS, redisCache, type SharedCache } from './cache/shared-cache';
import { type CacheEvents, type Chunk, ChunkCache, type Loaded } from './candle-cache';
import type { MarketDataConfig } from './config';
import { encodedSlice, joinSlices } from './encoded-bars';
import { findGaps, mergeBars } from './gaps';
import { alignDown, type BarInterval, INTERVAL_MS } from './intervals';
import { TokenBucket } from './rate-limit';
import { ccxtSource } from './sources/ccxt-source';
import { recordedSource } from './sources/recorded-source';
import type { BarSource, InstrumentGrid, SourceFailure, SourceId } from './sources/source';
import { readTrades, type TradesPage, type TradesQuery } from './trades';

/** Bars per cache chunk: chunks are aligned, so any range maps to the same few keys. */
export const CHUNK_BARS = 500;
/** Core writes a closed bar shortly after it closes; chunks this close to now count as live. */
export const RECORDING_LAG_MS = 5_000;
/** A partial answer (the source fell short) is kept this briefly, so a recovered source is retried soon. */
export const PARTIAL_FRESH_MS = 2_000;

export type CandlesAnswer = { readonly bars: Bar[]; readonly partial: boolean; readonly reason: SourceFailure | null };

export type MarketDataDeps = {
  readonly sql: Sql;
  readonly config: MarketDataConfig;
  readonly nowMs: () => number;
  readonly log: Logger;
  readonly events: CacheEvents & { sourceFailure(source: string, failure: SourceFailure): void; redisError(): void };
};

function chunkKey(source: StoreSource, symbol: string, interval: BarInterval, index: number): string {
  return `bars:${source}:${symbol}:${interval}:${index}`;
}

/** Index of the first bar with open time ≥ t (bars sorted). */
function lowerBound(bars: readonly Bar[], t: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid] as Bar)[0] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The data retrieval service: candles from the chosen source through the two-tier
 * cache, gaps of exchange data backfilled from the exchange and stored, and imports.
 */
export class MarketDataService {
  readonly store: BarStore;
  readonly sources: ReadonlyMap<SourceId, BarSource>;
  readonly cache: ChunkCache;
  readonly sql: Sql;
  readonly config: MarketDataConfig;
  readonly #tradePages: LruCache<TradesPage>;
  readonly #shared: SharedCache;
  readonly #deps: MarketDataDeps;

  constructor(deps: MarketDataDeps) {
    this.#deps = deps;
    this.sql = deps.sql;
    this.config = deps.config;
    this.#tradePages = new LruCache({ entriesMax: deps.config.cacheEntriesMax, nowMs: deps.nowMs });
    this.store = new BarStore(deps.sql);
    this.#shared = MarketDataService.#sharedCache(deps);
    const sources: BarSource[] = [recordedSource(this.store)];
    const c = deps.config.ccxt;
    if (c !== null) {
      const limiter = new TokenBucket({ ratePerS: c.ratePerS, burst: c.burst, nowMs: deps.nowMs });
      sources.push(ccxtSource({ ...c, limiter }));
    }
    this.sources = new Map(sources.map((s) => [s.id, s]));
    this.cache = new ChunkCache({
      entriesMax: deps.config.cacheEntriesMax,
      staleMs: deps.config.staleMs,
      refreshConcurrencyMax: deps.config.refreshConcurrencyMax,
      shared: this.#shared,
      nowMs: deps.nowMs,
      events: deps.events,
      onRefreshError: (err) => deps.log.error({ err }, 'background candle refresh failed'),
    });
  }

  static #sharedCache(deps: MarketDataDeps): SharedCache {
    if (deps.config.redisUrl === null) return noSharedCache;
    const redis = new Redis(deps.config.redisUrl, {
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      // Fail fast while Redis is away (a miss), rather than queue commands for it.
      enableOfflineQueue: false,
      lazyConnect: false,
    });
    redis.on('error', () => {}); // reported per command through redisCache's onError
    return redisCache(redis, deps.config.redisPrefix, deps.log, deps.events.redisError);
  }

  /** Sources a caller may name: every configured one, plus csv and `best` (all merged). */
  knowsSource(source: string): source is StoreSource {
    return source === 'best' || source === 'csv' || this.sources.has(source as SourceId);
  }

  /** Bars with open time in `[fromMs, toMs)`; the caller has validated and bounded the range. */
  async candles(grid: InstrumentGrid, interval: BarInterval, source: StoreSource, fromMs: number, toMs: number) {
    const { slices, reason } = await this.#slices(grid, interval, source, fromMs, toMs);
    const bars: Bar[] = [];
    for (const [chunk, from, to] of slices) for (let j = from; j < to; j += 1) bars.push(chunk[j] as Bar);
    return { bars, partial: reason !== null, reason } satisfies CandlesAnswer;
  }

  /** The same answer with the bars as JSON text, sliced from each chunk's cached serialisation. */
  async candlesJson(grid: InstrumentGrid, interval: BarInterval, source: StoreSource, fromMs: number, toMs: number) {
    const { slices, reason } = await this.#slices(grid, interval, source, fromMs, toMs);
    const barsJson = joinSlices(slices.map(([chunk, from, to]) => encodedSlice(chunk, from, to)));
    return { barsJson, partial: reason !== null, reason };
  }

  /** The cached chunks covering the range, each with the index range asked of it. */
  async slices(grid: InstrumentGrid, interval: BarInterval, source: StoreSource, fromMs: number, toMs: number) {
    return this.#slices(grid, interval, source, fromMs, toMs);
  }

  async #slices(grid: InstrumentGrid, interval: BarInterval, source: StoreSource, fromMs: number, toMs: number) {
    const span = INTERVAL_MS[interval] * CHUNK_BARS;
    const first = Math.floor(fromMs / span);
    const last = Math.floor((toMs - 1) / span);
    assert(last - first < 64, 'range spans too many chunks; the router bounds it');
    const chunks: Promise<Chunk>[] = [];
    for (let i = first; i <= last; i += 1) {
      const key = chunkKey(source, grid.symbol, interval, i);
      chunks.push(this.cache.get(key, () => this.#loadChunk(grid, interval, source, i)));
    }
    const slices: [readonly Bar[], number, number][] = [];
    let reason: SourceFailure | null = null;
    for (const chunk of await Promise.all(chunks)) {
      slices.push([chunk.bars, lowerBound(chunk.bars, fromMs), lowerBound(chunk.bars, toMs)]);
      reason ??= chunk.failure;
    }
    return { slices, reason };
  }

  async #loadChunk(grid: InstrumentGrid, interval: BarInterval, source: StoreSource, index: number): Promise<Loaded> {
    const ms = INTERVAL_MS[interval];
    const fromMs = index * CHUNK_BARS * ms;
    const toMs = fromMs + CHUNK_BARS * ms;
    const now = this.#deps.nowMs();
    const stored = await this.store.read(grid.symbol, interval, source, fromMs, toMs);
    const remote =
      source === 'best' || source === 'recorded' || source === 'csv' ? undefined : this.sources.get(source);
    const chunk = remote
      ? await this.#backfill(remote, grid, interval, stored, fromMs, Math.min(toMs, alignDown(now, interval)))
      : { bars: stored, failure: null };
    const cfg = this.#deps.config;
    const live = toMs > now - RECORDING_LAG_MS;
    const freshMs =
      chunk.failure !== null ? Math.min(PARTIAL_FRESH_MS, cfg.liveFreshMs) : live ? cfg.liveFreshMs : cfg.closedFreshMs;
    return { chunk, freshMs };
  }

  /** Fills the gaps among closed bars from a remote source, stores what it got, merges. */
  async #backfill(
    source: BarSource,
    grid: InstrumentGrid,
    interval: BarInterval,
    stored: Bar[],
    fromMs: number,
    closedToMs: number,
  ): Promise<Chunk> {
    if (closedToMs <= fromMs) return { bars: stored, failure: null };
    const gaps = findGaps(stored, fromMs, closedToMs, INTERVAL_MS[interval]);
    const firstGap = gaps[0];
    const lastGap = gaps.at(-1);
    if (firstGap === undefined || lastGap === undefined) return { bars: stored, failure: null };
    const answer = await source.fetchBars({ instrument: grid, interval, fromMs: firstGap.fromMs, toMs: lastGap.toMs });
    if (answer.failure !== null) this.#deps.events.sourceFailure(source.id, answer.failure);
    if (answer.bars.length > 0) await this.store.write(grid.symbol, interval, source.id, answer.bars);
    return { bars: mergeBars(stored, answer.bars), failure: answer.failure };
  }

  /** Drops cached chunks of `symbol` covering `[fromMs, toMs)` for the sources an import changes. */
  async invalidate(
    symbol: string,
    interval: BarInterval,
    sources: readonly StoreSource[],
    fromMs: number,
    toMs: number,
  ) {
    const span = INTERVAL_MS[interval] * CHUNK_BARS;
    const keys: string[] = [];
    for (let i = Math.floor(fromMs / span); i <= Math.floor((toMs - 1) / span); i += 1) {
      for (const s of sources) keys.push(chunkKey(s, symbol, interval, i));
    }
    await this.cache.invalidate(keys);
  }

  /**
   * A page of recorded trades. Pages of a closed range never change and are kept as long as
   * closed chunks; a page reaching into the last seconds is kept only `liveFreshMs`.
   */
  async trades(q: TradesQuery): Promise<TradesPage> {
    const key = `${q.symbol}:${q.fromMs}:${q.toMs}:${q.limit}:${q.after?.timeMs}:${q.after?.seq}`;
    const hit = this.#tradePages.get(key);
    if (hit.state === 'fresh') {
      this.#deps.events.lookup('fresh');
      return hit.value;
    }
    this.#deps.events.lookup('miss');
    const page = await readTrades(this.sql, q);
    const cfg = this.#deps.config;
    const live = q.toMs > this.#deps.nowMs() - RECORDING_LAG_MS;
    this.#tradePages.set(key, page, live ? cfg.liveFreshMs : cfg.closedFreshMs, 0);
    return page;
  }

  /** True once the shared cache (Redis) is connected; false without one. */
  sharedReady(): Promise<boolean> {
    return this.#shared.ready();
  }

  async close(): Promise<void> {
    await this.#shared.close();
  }
}
