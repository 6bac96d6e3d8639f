// The journal: commands in PostgreSQL with group commit, snapshots, recovery.
export { decodeCommand, encodeCommand } from './command-codec';
export {
  type DurableCallback,
  GroupCommit,
  type GroupCommitOptions,
  type InFlightRange,
  JOURNAL_BATCH_MAX,
  JOURNAL_QUEUE_MAX,
  type JournalOutcome,
} from './group-commit';
export {
  fenceConnections,
  type JournalRow,
  latestSnapshot,
  type OutboxAppend,
  readCommands,
  readProjectedSeq,
  SNAPSHOTS_KEPT,
  type SnapshotRow,
  writeSnapshot,
} from './journal-store';
export { ProjectionBatch } from './projection';
export {
  PROJECTION_COMMANDS_MAX,
  ProjectionWriter,
  type ProjectionWriterOptions,
} from './projection-writer';
export { type Recovered, type ReprojectHooks, recoverState } from './recovery';
