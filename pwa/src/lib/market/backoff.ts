/** First reconnect waits between half of this and this. */
export const RECONNECT_DELAY_MS_MIN = 500;
/** The exponential growth stops here: a client retries at least every 30 s. */
export const RECONNECT_DELAY_MS_MAX = 30_000;

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal
 * jitter" — half the delay fixed, half random — so that thousands of clients dropped by
 * the same restart spread out, yet none retries instantly.
 */
export function reconnectDelayMs(attempt: number, random01: number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceilingMs = Math.min(RECONNECT_DELAY_MS_MAX, RECONNECT_DELAY_MS_MIN * 2 ** exponent);
  const jitter01 = Math.min(Math.max(random01, 0), 1);
  return Math.round(ceilingMs / 2 + (ceilingMs / 2) * jitter01);
}
