/**
 * Concurrent callers for the same key share one load (no thundering herd on a miss), and
 * at most `concurrencyMax` loads run at once; `tryRun` refuses instead of queueing, which
 * is what background refreshes want (a refresh skipped now is retried on a later read).
 */
export class SingleFlight<T> {
  readonly #inFlight = new Map<string, Promise<T>>();
  readonly #concurrencyMax: number;

  constructor(concurrencyMax: number) {
    this.#concurrencyMax = concurrencyMax;
  }

  get running(): number {
    return this.#inFlight.size;
  }

  /** Settles when every load in flight now has settled (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  /** Joins the load in flight for `key`, or starts one. */
  run(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.#inFlight.get(key);
    if (existing) return existing;
    const p = load().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, p);
    return p;
  }

  /** Like `run`, but returns null (and starts nothing) when the concurrency bound is reached. */
  tryRun(key: string, load: () => Promise<T>): Promise<T> | null {
    const existing = this.#inFlight.get(key);
    if (existing) return existing;
    if (this.#inFlight.size >= this.#concurrencyMax) return null;
    return this.run(key, load);
  }
}
