/**
 * Time comes in through a Clock so that tests control it (rate limits, token expiry, the
 * feed's timestamps) instead of sleeping. `nowMs` is wall-clock epoch milliseconds.
 */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock that moves only when told to; for deterministic tests. */
export class ManualClock implements Clock {
  constructor(private timeMs: number) {}
  nowMs(): number {
    return this.timeMs;
  }
  advance(ms: number): void {
    this.timeMs += ms;
  }
}
