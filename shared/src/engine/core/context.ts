import type { EngineConfig } from './config';
import type { EngineEvent } from './events';
import type { ReusableList } from './reusable-list';
import type { EngineState } from './state';

/**
 * What one `apply` works with: the state, the config and the events it emits, plus the
 * work it queues for after the current step (price moves that may fire triggers, accounts
 * whose margin or protections need a look). Queues are plain arrays reused across calls.
 */
export type Ctx = {
  readonly state: EngineState;
  readonly config: EngineConfig;
  events: EngineEvent[];
  /** Price moves not yet processed: [instIx, lowTicks, highTicks] triples. */
  readonly priceMoves: ReusableList<number>;
  /** Accounts whose positions in some instrument changed value (margin checks). */
  readonly marginDirty: ReusableList<number>;
  /** Accounts that closed trades in this command (protections). */
  readonly closedDirty: ReusableList<number>;
  /** Orders waiting to go to the book (fired triggers, new or re-sized legs), in order. */
  readonly toExecute: ReusableList<number>;
  /** Trigger cascade budget left in this command. */
  cascadeLeft: number;
};

export function emit(ctx: Ctx, event: EngineEvent): void {
  ctx.events.push(event);
}

export function markDirty(list: ReusableList<number>, ix: number): void {
  if (!list.includes(ix)) list.push(ix);
}
