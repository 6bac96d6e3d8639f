import { assert } from '@tradewind/shared';

/**
 * A token bucket per source: `ratePerS` requests per second on average, bursts of up to
 * `burst`. It never waits: a request without a token is not sent (the caller answers
 * with what it has, marked partial), so a busy source cannot pile up waiting requests.
 */
export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #burst: number;
  readonly #nowMs: () => number;
  #tokens: number;
  #lastMs: number;

  constructor(options: { ratePerS: number; burst: number; nowMs: () => number }) {
    assert(options.ratePerS > 0 && options.burst >= 1, 'rate limit must be positive');
    this.#ratePerMs = options.ratePerS / 1000;
    this.#burst = options.burst;
    this.#nowMs = options.nowMs;
    this.#tokens = options.burst;
    this.#lastMs = options.nowMs();
  }

  tryTake(): boolean {
    const now = this.#nowMs();
    this.#tokens = Math.min(this.#burst, this.#tokens + Math.max(0, now - this.#lastMs) * this.#ratePerMs);
    this.#lastMs = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
