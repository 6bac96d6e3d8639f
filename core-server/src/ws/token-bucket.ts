import { assert } from '@tradewind/shared';

/**
 * A token bucket: `ratePerS` tokens a second, at most `burst` saved up. Time comes in as an
 * argument so that tests drive it with a manual clock.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    nowMs: number,
  ) {
    assert(ratePerS > 0 && burst >= 1, 'token bucket needs a positive rate and a burst of at least 1');
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  /** Takes one token if there is one. A clock going backwards refills nothing. */
  take(nowMs: number): boolean {
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.ratePerS) / 1000);
    this.lastMs = Math.max(this.lastMs, nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
