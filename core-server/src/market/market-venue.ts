import type { Command, Engine, EngineEvent, EngineState } from '@tradewind/shared/engine';

/** An engine command without its time: the venue stamps time when it applies it. */
export type UntimedSystemCommand = Command extends infer C ? (C extends Command ? Omit<C, 'timeMs'> : never) : never;

/**
 * What the engine-backed feed needs from the core's order path. Core's OrderEntry
 * (core-server/src/trading/) satisfies it: agents' commands go through the same journal as
 * users' (so a replay after a crash rebuilds the market), and every applied command's events come
 * back through `onEvents` once durable, users' included.
 */
export interface MarketVenue {
  /** The live engine state. Read only; re-read on each use (recovery replaces it). */
  readonly engineState: EngineState;
  /** False while the journal cannot take commands (the feed skips its steps then). */
  readonly accepting: boolean;
  /** Applies one system command now (time stamped by the venue); resolves with its events once durable. */
  submitInternal(command: UntimedSystemCommand): Promise<EngineEvent[]>;
  onEvents(listener: (events: readonly EngineEvent[], timeMs: number) => void): void;
}

/**
 * A venue that applies straight to an engine, with no journal: for tests and benchmarks of the
 * feed, and for running the market without a database. Events are delivered on the next
 * microtask, as the journal would after a commit.
 */
export class LocalVenue implements MarketVenue {
  readonly engineState: EngineState;
  readonly accepting = true;
  private readonly listeners: ((events: readonly EngineEvent[], timeMs: number) => void)[] = [];

  constructor(
    readonly engine: Engine,
    private readonly clock: { nowMs(): number },
  ) {
    this.engineState = engine.initialState();
  }

  onEvents(listener: (events: readonly EngineEvent[], timeMs: number) => void): void {
    this.listeners.push(listener);
  }

  async submitInternal(command: UntimedSystemCommand): Promise<EngineEvent[]> {
    return this.apply(command);
  }

  /** A user's command (tests): applied and announced like any other. */
  apply(command: UntimedSystemCommand): Promise<EngineEvent[]> {
    const timeMs = Math.max(this.clock.nowMs(), this.engineState.nowMs);
    const events = this.engine.apply(this.engineState, { ...command, timeMs } as Command);
    return Promise.resolve().then(() => {
      for (const l of this.listeners) l(events, timeMs);
      return events;
    });
  }
}
