/**
 * The trading engine door: a deterministic state machine `(state, command) → events` with the
 * paper venue's order books inside. No clock, randomness or I/O: time and ids come with the
 * commands, so live runs, backtests, browser runs and journal replays are identical.
 * See README.md for the order state machine, the reason codes and the invariants.
 */
import type { Instrument } from '../domain/index';
import type { Command } from './core/commands';
import { type EngineConfig, makeConfig } from './core/config';
import { applyCommand, initialState, newCtx } from './core/engine';
import type { EngineEvent } from './core/events';
import type { EngineState } from './core/state';
import type { Posting } from './ledger/ledger';
import { fnv1a64 } from './state/hash';
import { type EngineSnapshot, restoreSnapshot, takeSnapshot } from './state/snapshot';
import { validateState } from './state/validate';

export type Engine = {
  readonly config: EngineConfig;
  /** A fresh state: no accounts, empty books, time 0. */
  initialState(): EngineState;
  /** Applies one command, mutating `state`; returns the events it caused (never throws on input). */
  apply(state: EngineState, command: Command): EngineEvent[];
  /**
   * Like `apply`, appending to `out` (hot paths reuse one array). Empty it rarely: in V8,
   * `out.length = 0` drops the array's storage, so clearing after every command costs an
   * allocation per command; note `out.length` before the call and clear every few thousand events.
   */
  applyInto(state: EngineState, command: Command, out: EngineEvent[]): void;
  snapshot(state: EngineState): EngineSnapshot;
  restore(snapshot: EngineSnapshot): EngineState;
  /** FNV-1a 64 of the canonical snapshot: equal states have equal hashes. */
  stateHash(state: EngineState): string;
  /** Asserts every invariant (tests; O(state)). */
  validate(state: EngineState): void;
  /** Observe every ledger posting (tests fold them to prove balances are derived). */
  setJournal(state: EngineState, journal: ((p: Posting) => void) | undefined): void;
};

export function createEngine(config: Partial<EngineConfig> & { readonly instruments: readonly Instrument[] }): Engine {
  const cfg = makeConfig(config);
  const ctx = newCtx(initialState(cfg), cfg, []);
  const applyInto = (state: EngineState, command: Command, out: EngineEvent[]): void => {
    (ctx as { state: EngineState }).state = state;
    ctx.events = out;
    applyCommand(ctx, command);
  };
  return {
    config: cfg,
    initialState: () => initialState(cfg),
    apply(state, command) {
      const out: EngineEvent[] = [];
      applyInto(state, command, out);
      return out;
    },
    applyInto,
    snapshot: takeSnapshot,
    restore: (snap) => restoreSnapshot(cfg, snap),
    stateHash: (state) => fnv1a64(JSON.stringify(takeSnapshot(state))),
    validate: validateState,
    setJournal(state, journal) {
      state.ledger.journal = journal;
    },
  };
}

export * from './book/index';
export {
  CANCEL_REASONS,
  type CancelReason,
  REASON_CODE_LIST,
  REASON_CODES,
  type ReasonCode,
  reasonMessage,
  reasonNumber,
  reasonSubsystem,
} from './codes/reason-codes';
export type * from './core/commands';
export {
  ACCOUNTS_MAX,
  CASH_MOVE_MINOR_MAX,
  CLIENT_ORDER_ID_LENGTH_MAX,
  DEFAULT_ENGINE_CONFIG,
  type EngineConfig,
  LEVERAGE_MAX,
  MARKS_PER_COMMAND_MAX,
  TRIGGER_CASCADE_MAX,
} from './core/config';
export type * from './core/events';
export type { AccountState, EngineState, InstrumentState, OrderRecord, Position } from './core/state';
export {
  balanceOf,
  EXTERNAL_ACCOUNT_ID,
  FEES_ACCOUNT_ID,
  LIQUIDATION_ACCOUNT_ID,
  type Posting,
  type PostingKind,
} from './ledger/ledger';
export { ORDER_TRANSITIONS } from './orders/state-machine';
export { DEFAULT_RISK_LIMITS, type RiskLimits } from './risk/limits';
export { fnv1a64 } from './state/hash';
export { type EngineSnapshot, SNAPSHOT_VERSION } from './state/snapshot';
