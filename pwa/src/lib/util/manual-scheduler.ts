import type { Scheduler, TimerHandle } from './scheduler';

/**
 * A deterministic Scheduler for tests: time moves only when `advance` is called, and
 * timers fire in due order (ties in the order they were set).
 */
export class ManualScheduler implements Scheduler {
  #nowMs: number;
  #nextId = 1;
  readonly #timers = new Map<number, { dueMs: number; fn: () => void }>();

  constructor(startMs = 1_700_000_000_000) {
    this.#nowMs = startMs;
  }

  nowMs(): number {
    return this.#nowMs;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { dueMs: this.#nowMs + Math.max(0, delayMs), fn });
    return id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as unknown as number);
  }

  /** Timers still waiting, as delays from now; lets a test see what was scheduled. */
  pendingDelaysMs(): number[] {
    return [...this.#timers.values()].map((t) => t.dueMs - this.#nowMs).sort((a, b) => a - b);
  }

  /** Moves the clock without firing anything: a device that slept through its timers. */
  jump(ms: number): void {
    this.#nowMs += ms;
  }

  advance(ms: number): void {
    const endMs = this.#nowMs + ms;
    for (;;) {
      const next = this.#nextDue(endMs);
      if (!next) break;
      this.#timers.delete(next.id);
      this.#nowMs = next.dueMs;
      next.fn();
    }
    this.#nowMs = endMs;
  }

  #nextDue(endMs: number): { id: number; dueMs: number; fn: () => void } | undefined {
    let best: { id: number; dueMs: number; fn: () => void } | undefined;
    for (const [id, t] of this.#timers) {
      if (t.dueMs <= endMs && (!best || t.dueMs < best.dueMs)) best = { id, ...t };
    }
    return best;
  }
}
