/** Period of the replay timer: each tick plays `elapsed × speed` of market time per session. */
export const REPLAY_TICK_MS = 50;
/** Wall time one tick may account for: after a long stall the replay resumes, it does not leap. */
export const REPLAY_TICK_ELAPSED_MS_MAX = 1_000;

/** Something the runner ticks: a replay session or the replay feed. */
export interface Tickable {
  /** Plays `elapsedMs` of wall time; the runner never calls it again before it settles. */
  tick(elapsedMs: number): Promise<unknown>;
}

/**
 * One timer for every replay in the core. A tick that is still reading from the database is
 * not called again until it settles (its elapsed time carries over to the next call), so a
 * slow query delays only its own session. Errors go to `onError`; the replay goes on.
 */
export class ReplayRunner {
  private readonly entries = new Map<Tickable, { lastMs: number; busy: boolean }>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly monotonicMs: () => number,
    private readonly onError: (e: unknown) => void,
  ) {}

  add(t: Tickable): void {
    this.entries.set(t, { lastMs: this.monotonicMs(), busy: false });
    this.timer ??= setInterval(() => this.tickAll(), REPLAY_TICK_MS);
  }

  remove(t: Tickable): void {
    this.entries.delete(t);
    if (this.entries.size === 0) this.close();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tickAll(): void {
    const nowMs = this.monotonicMs();
    for (const [t, e] of this.entries) {
      if (e.busy) continue;
      const elapsed = Math.min(nowMs - e.lastMs, REPLAY_TICK_ELAPSED_MS_MAX);
      e.lastMs = nowMs;
      e.busy = true;
      t.tick(elapsed)
        .catch(this.onError)
        .finally(() => {
          e.busy = false;
        });
    }
  }
}
