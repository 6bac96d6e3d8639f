import { assert } from '@tradewind/shared';

/**
 * A bounded in-process cache with two deadlines per entry (stale-while-revalidate):
 * before `freshUntilMs` an entry is fresh; until `staleUntilMs` it may still be served
 * while a refresh runs; after that it is gone. Least recently used entries are evicted
 * past `entriesMax` (a Map keeps insertion order; a hit re-inserts).
 */
export type CacheEntry<T> = { readonly value: T; readonly freshUntilMs: number; readonly staleUntilMs: number };

export type Lookup<T> =
  | { readonly state: 'fresh'; readonly value: T }
  | { readonly state: 'stale'; readonly value: T }
  | { readonly state: 'miss' };

export class LruCache<T> {
  readonly #entries = new Map<string, CacheEntry<T>>();
  readonly #entriesMax: number;
  readonly #nowMs: () => number;

  constructor(options: { entriesMax: number; nowMs: () => number }) {
    assert(Number.isInteger(options.entriesMax) && options.entriesMax > 0, 'entriesMax must be a positive integer');
    this.#entriesMax = options.entriesMax;
    this.#nowMs = options.nowMs;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): Lookup<T> {
    const entry = this.#entries.get(key);
    if (entry === undefined) return { state: 'miss' };
    const now = this.#nowMs();
    if (now >= entry.staleUntilMs) {
      this.#entries.delete(key);
      return { state: 'miss' };
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return { state: now < entry.freshUntilMs ? 'fresh' : 'stale', value: entry.value };
  }

  /** Stores `value`, fresh for `freshMs` and servable stale for `staleMs` more. */
  set(key: string, value: T, freshMs: number, staleMs: number): void {
    assert(freshMs >= 0 && staleMs >= 0, 'cache lifetimes must not be negative');
    const now = this.#nowMs();
    this.#entries.delete(key);
    this.#entries.set(key, { value, freshUntilMs: now + freshMs, staleUntilMs: now + freshMs + staleMs });
    while (this.#entries.size > this.#entriesMax) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    assert(this.#entries.size <= this.#entriesMax, 'cache grew past its bound');
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
