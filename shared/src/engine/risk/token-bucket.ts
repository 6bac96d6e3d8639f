/**
 * Order rate per account: a token bucket driven by command time (never a clock). Tokens are
 * counted in milli-tokens so that refills stay exact integers: `ratePerSec` tokens per 1000 ms
 * is exactly `ratePerSec` milli-tokens per ms.
 */
export type TokenBucket = { milliTokens: number; lastMs: number };

const MILLI = 1000;

export function newBucket(burst: number, nowMs: number): TokenBucket {
  return { milliTokens: burst * MILLI, lastMs: nowMs };
}

/** Tokens available at `nowMs` (milli-tokens), without changing the bucket. */
export function peekTokens(b: TokenBucket, ratePerSec: number, burst: number, nowMs: number): number {
  const elapsed = nowMs > b.lastMs ? nowMs - b.lastMs : 0;
  const cap = burst * MILLI;
  // elapsed × rate can pass 2^53 only after centuries at the max rate; the cap bounds it anyway.
  const refilled = b.milliTokens + Math.min(elapsed * ratePerSec, cap);
  return Math.min(refilled, cap);
}

export function canTake(b: TokenBucket, ratePerSec: number, burst: number, nowMs: number): boolean {
  return peekTokens(b, ratePerSec, burst, nowMs) >= MILLI;
}

/** Takes one token; the caller checked `canTake` first. */
export function take(b: TokenBucket, ratePerSec: number, burst: number, nowMs: number): void {
  b.milliTokens = peekTokens(b, ratePerSec, burst, nowMs) - MILLI;
  b.lastMs = nowMs;
}
