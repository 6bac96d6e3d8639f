import type { Bar } from './bar';
import { LruCache } from './cache/lru';
import type { SharedCache } from './cache/shared-cache';
import { SingleFlight } from './cache/single-flight';
import type { SourceFailure } from './sources/source';

/** What a cache entry holds: a chunk of bars and whether the source fell short filling it. */
export type Chunk = { readonly bars: readonly Bar[]; readonly failure: SourceFailure | null };

/** A loaded chunk and how long it stays fresh (the loader knows: closed, live or partial). */
export type Loaded = { readonly chunk: Chunk; readonly freshMs: number };

type SharedEntry = { b: Bar[]; f: SourceFailure | null; fu: number; su: number };

export type CacheEvents = { lookup(result: 'fresh' | 'stale' | 'shared' | 'miss'): void; refreshSkipped(): void };

/**
 * Two tiers with stale-while-revalidate. Fresh in the LRU: answered at once. Stale: the
 * stale value is answered at once and one background refresh starts (bounded; skipped
 * past the bound). Missing: Redis is asked, then the loader runs once per key however
 * many callers wait for it.
 */
export class ChunkCache {
  readonly #lru: LruCache<Chunk>;
  readonly #shared: SharedCache;
  readonly #loads = new SingleFlight<Chunk>(Number.POSITIVE_INFINITY);
  readonly #refreshes: SingleFlight<Chunk>;
  readonly #staleMs: number;
  readonly #nowMs: () => number;
  readonly #events: CacheEvents;
  readonly #onRefreshError: (err: unknown) => void;

  constructor(o: {
    entriesMax: number;
    staleMs: number;
    refreshConcurrencyMax: number;
    shared: SharedCache;
    nowMs: () => number;
    events: CacheEvents;
    onRefreshError: (err: unknown) => void;
  }) {
    this.#lru = new LruCache({ entriesMax: o.entriesMax, nowMs: o.nowMs });
    this.#refreshes = new SingleFlight(o.refreshConcurrencyMax);
    this.#shared = o.shared;
    this.#staleMs = o.staleMs;
    this.#nowMs = o.nowMs;
    this.#events = o.events;
    this.#onRefreshError = o.onRefreshError;
  }

  /** Background refreshes in flight (tests wait for them to settle). */
  get refreshing(): number {
    return this.#refreshes.running;
  }

  /** Settles when the background refreshes running now have finished. */
  idle(): Promise<void> {
    return this.#refreshes.idle();
  }

  async get(key: string, load: () => Promise<Loaded>): Promise<Chunk> {
    const local = this.#lru.get(key);
    if (local.state === 'fresh') {
      this.#events.lookup('fresh');
      return local.value;
    }
    if (local.state === 'stale') {
      this.#events.lookup('stale');
      this.#refresh(key, load);
      return local.value;
    }
    const shared = await this.#fromShared(key);
    if (shared !== null) {
      this.#events.lookup('shared');
      if (shared.stale) this.#refresh(key, load);
      return shared.chunk;
    }
    this.#events.lookup('miss');
    return this.#loads.run(key, () => this.#loadAndKeep(key, load));
  }

  /** Forgets keys everywhere (after an import changed what they would hold). */
  async invalidate(keys: readonly string[]): Promise<void> {
    for (const k of keys) this.#lru.delete(k);
    await this.#shared.delete(keys);
  }

  #refresh(key: string, load: () => Promise<Loaded>): void {
    const started = this.#refreshes.tryRun(key, () => this.#loadAndKeep(key, load));
    if (started === null) this.#events.refreshSkipped();
    else started.catch(this.#onRefreshError);
  }

  async #loadAndKeep(key: string, load: () => Promise<Loaded>): Promise<Chunk> {
    const { chunk, freshMs } = await load();
    this.#lru.set(key, chunk, freshMs, this.#staleMs);
    const now = this.#nowMs();
    const entry: SharedEntry = {
      b: chunk.bars as Bar[],
      f: chunk.failure,
      fu: now + freshMs,
      su: now + freshMs + this.#staleMs,
    };
    await this.#shared.set(key, JSON.stringify(entry), freshMs + this.#staleMs);
    return chunk;
  }

  async #fromShared(key: string): Promise<{ chunk: Chunk; stale: boolean } | null> {
    const text = await this.#shared.get(key);
    if (text === null) return null;
    let entry: SharedEntry | null;
    try {
      entry = JSON.parse(text) as SharedEntry | null;
    } catch {
      return null; // a corrupt entry is a miss; the load overwrites it
    }
    const now = this.#nowMs();
    if (entry === null || !Array.isArray(entry.b) || now >= entry.su) return null;
    const chunk: Chunk = { bars: entry.b, failure: entry.f };
    this.#lru.set(key, chunk, Math.max(0, entry.fu - now), entry.su - Math.max(now, entry.fu));
    return { chunk, stale: now >= entry.fu };
  }
}
