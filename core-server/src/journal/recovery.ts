import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import {
  type Engine,
  type EngineEvent,
  type EngineSnapshot,
  type EngineState,
  fnv1a64,
  SNAPSHOT_VERSION,
} from '@tradewind/shared/engine';
import { decodeCommand } from './command-codec';
import { latestSnapshot, REPLAY_PAGE_ROWS, readCommands } from './journal-store';

export type Recovered = {
  readonly state: EngineState;
  /** The last command applied (0 for an empty journal). */
  readonly lastSeq: bigint;
  readonly snapshotSeq: bigint;
  readonly replayed: number;
};

/**
 * Recovery re-projecting the journal: commands after `projectedSeq` (the `journal_projection`
 * watermark) have their events handed to `replayed`, starting from the state at that seq.
 */
export type ReprojectHooks = {
  readonly projectedSeq: bigint;
  /** Once, with the state at `projectedSeq`, before the first command after it. */
  readonly atProjected: (state: EngineState) => void;
  /** Every command after `projectedSeq`, in order, with its events (valid during the call only) and tag. */
  readonly replayed: (seq: bigint, timeMs: number, events: readonly EngineEvent[], tag: string | undefined) => void;
  /** After each page of replayed commands (≤ REPLAY_PAGE_ROWS) past `projectedSeq`: write them. */
  readonly pageDone: (lastSeq: bigint) => Promise<void>;
};

/**
 * Snapshot + replay: the newest snapshot (its hash checked against the restored state; a snapshot
 * of an older format, which the engine upgrades on restore, is checked by the hash of its stored
 * text, which is what the hash was taken over), then
 * every journalled command after it, in order, asserting the sequence has no gap. A corrupt
 * snapshot or a gap is a bug or a damaged database: it throws and the core refuses to trade.
 * With `hooks`, a snapshot newer than the projection watermark is not used (the events between
 * them are needed); snapshots are written only once projected, so that is a fallback.
 */
export async function recoverState(sql: Sql, engine: Engine, hooks?: ReprojectHooks): Promise<Recovered> {
  const snap = await latestSnapshot(sql);
  let state: EngineState;
  let seq = 0n;
  if (snap === undefined || (hooks !== undefined && snap.seq > hooks.projectedSeq)) state = engine.initialState();
  else {
    const parsed = JSON.parse(snap.snapshot) as EngineSnapshot;
    state = engine.restore(parsed);
    const current = parsed.version === SNAPSHOT_VERSION;
    const hash = current ? engine.stateHash(state) : fnv1a64(snap.snapshot);
    assert(hash === snap.stateHash, `snapshot ${snap.seq} restores to hash ${hash}, recorded ${snap.stateHash}`);
    seq = snap.seq;
  }
  const snapshotSeq = seq;
  if (hooks !== undefined && seq === hooks.projectedSeq) hooks.atProjected(state);
  let replayed = 0;
  let paged = hooks?.projectedSeq ?? 0n;
  const scratch: EngineEvent[] = [];
  for (;;) {
    const rows = await readCommands(sql, seq, REPLAY_PAGE_ROWS);
    for (const row of rows) {
      assert(row.seq === seq + 1n, `journal gap after ${seq}: found ${row.seq}`);
      scratch.length = 0;
      engine.applyInto(state, decodeCommand(row.command), scratch);
      seq = row.seq;
      replayed += 1;
      if (hooks === undefined) continue;
      if (seq > hooks.projectedSeq) hooks.replayed(seq, row.timeMs, scratch, row.tag);
      else if (seq === hooks.projectedSeq) hooks.atProjected(state);
    }
    if (hooks !== undefined && seq > paged) {
      await hooks.pageDone(seq);
      paged = seq;
    }
    if (rows.length < REPLAY_PAGE_ROWS) break;
  }
  assert(
    hooks === undefined || seq >= hooks.projectedSeq,
    `projection at ${hooks?.projectedSeq} is past the journal (${seq})`,
  );
  return { state, lastSeq: seq, snapshotSeq, replayed };
}
