/**
 * Time as a dependency: the socket client, the session and persistence take a Scheduler
 * so tests drive time by hand (no sleeps, no fake global timers) and the app passes the
 * browser's own timers.
 */
export type TimerHandle = { readonly __timer: unique symbol };

export type Scheduler = {
  nowMs(): number;
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
};

export const browserScheduler: Scheduler = {
  nowMs: () => Date.now(),
  setTimeout: (fn, delayMs) => globalThis.setTimeout(fn, delayMs) as unknown as TimerHandle,
  clearTimeout: (handle) => globalThis.clearTimeout(handle as unknown as number),
};
