/**
 * One value loaded on demand and kept for a while: concurrent readers share one load, and a
 * failed load is not cached. The in-process tier; a shared tier (Redis) can sit behind it.
 */
export class CachedValue<T> {
  readonly #load: () => Promise<T>;
  readonly #ttlMs: number;
  readonly #nowMs: () => number;
  #entry: { value: Promise<T>; loadedAtMs: number } | undefined;

  constructor(options: { load: () => Promise<T>; ttlMs: number; nowMs: () => number }) {
    this.#load = options.load;
    this.#ttlMs = options.ttlMs;
    this.#nowMs = options.nowMs;
  }

  /** The value, and whether it came from the cache (for hit/miss metrics). */
  get(): { value: Promise<T>; hit: boolean } {
    const now = this.#nowMs();
    const entry = this.#entry;
    if (entry && now - entry.loadedAtMs < this.#ttlMs) return { value: entry.value, hit: true };
    const value = this.#load();
    this.#entry = { value, loadedAtMs: now };
    value.catch(() => {
      if (this.#entry?.value === value) this.#entry = undefined;
    });
    return { value, hit: false };
  }

  invalidate(): void {
    this.#entry = undefined;
  }
}
