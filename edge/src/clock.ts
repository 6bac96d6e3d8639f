/** Time comes from here, never from `Date.now()` in handlers, so tests can move it. */
export type Clock = { nowMs(): number };

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock that only moves when told to: for deterministic tests of windows and expiry. */
export function manualClock(startMs: number): Clock & { advanceMs(ms: number): void; setMs(ms: number): void } {
  let now = startMs;
  return {
    nowMs: () => now,
    advanceMs: (ms) => {
      now += ms;
    },
    setMs: (ms) => {
      now = ms;
    },
  };
}
