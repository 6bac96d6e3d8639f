import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import { appendCommands, type JournalRow } from './journal-store';
import { ProjectionBatch } from './projection';

/** Commands per transaction: bounds a transaction's size and the time one commit takes. */
export const JOURNAL_BATCH_MAX = 4_096;
/** Commands waiting for (or in) a commit; past it new orders are refused with CORE_OVERLOADED. */
export const JOURNAL_QUEUE_MAX = 65_536;

/**
 * What became of a command's journal write: `durable` (committed), `notWritten` (definitely not in
 * the journal: PostgreSQL refused the batch, or the batch was queued behind one that failed and was
 * never sent), `unknown` (its batch was in flight when the connection dropped and nobody could tell
 * in time whether COMMIT landed).
 */
export type JournalOutcome = 'durable' | 'notWritten' | 'unknown';
/** Called once per command with its outcome. */
export type DurableCallback = (outcome: JournalOutcome) => void;
/** The batch in flight when the connection dropped: its seqs, held until `resolveInFlight`. */
export type InFlightRange = { readonly firstSeq: bigint; readonly lastSeq: bigint };

type Batch = { rows: JournalRow[]; done: DurableCallback[]; projection: ProjectionBatch };

export type GroupCommitOptions = {
  readonly batchMax?: number;
  readonly queueMax?: number;
  /** After each COMMIT, before the commands' callbacks: the batch's projection, for the projection writer. */
  readonly onDurable?: (projection: ProjectionBatch, lastSeq: bigint, commands: number) => void;
  /**
   * A batch failed: the queued commands have their outcome; `inFlight` (when the connection dropped
   * rather than PostgreSQL refusing the batch) is held until `resolveInFlight`. The owner must
   * recover before `reset()`.
   */
  readonly onFailure: (error: Error, inFlight: InFlightRange | undefined) => void;
  /** After each successful commit (metrics). */
  readonly onCommit?: (rows: number, ms: number) => void;
};

/**
 * Group commit: commands that arrive while a commit is in flight wait in the next batch, and the
 * whole batch is one transaction of one INSERT (the commands only: the query tables and the
 * outbox follow in the projection writer's transactions). Latency is one commit at most behind;
 * throughput is a batch per commit. Callbacks run in command order, only after COMMIT returned.
 */
export class GroupCommit {
  private readonly batches: Batch[] = [];
  /** A pump is scheduled or running. */
  private inFlight = false;
  /** The first batch is being written (it takes no more rows). */
  private committing = false;
  private failed = false;
  private queuedRows = 0;
  /** The batch whose COMMIT may or may not have landed (connection lost while it was in flight). */
  private unresolved: Batch | undefined;
  private lastSeq = 0n;
  readonly batchMax: number;
  readonly queueMax: number;

  constructor(
    private readonly sql: Sql,
    private readonly options: GroupCommitOptions,
  ) {
    this.batchMax = options.batchMax ?? JOURNAL_BATCH_MAX;
    this.queueMax = options.queueMax ?? JOURNAL_QUEUE_MAX;
    assert(this.batchMax > 0 && this.queueMax >= this.batchMax, 'journal bounds');
  }

  /** Commands not yet durable (queued or in flight). */
  get queued(): number {
    return this.queuedRows;
  }
  get hasRoom(): boolean {
    return !this.failed && this.queuedRows < this.queueMax;
  }
  get healthy(): boolean {
    return !this.failed;
  }

  /** Queues one command; returns the projection of its batch for the caller to fill. */
  append(row: JournalRow, done: DurableCallback): ProjectionBatch {
    assert(!this.failed, 'append to a failed journal');
    assert(this.queuedRows < this.queueMax, 'journal queue overflow (callers check hasRoom)');
    // The message only on failure: a template with two bigints would cost every command.
    if (this.lastSeq !== 0n && row.seq !== this.lastSeq + 1n)
      assert(false, `journal seq gap: ${this.lastSeq} → ${row.seq}`);
    this.lastSeq = row.seq;
    let batch = this.batches[this.batches.length - 1];
    // The batch in flight is the first one; it never takes more rows.
    if (batch === undefined || batch.rows.length >= this.batchMax || (this.committing && this.batches.length === 1)) {
      batch = { rows: [], done: [], projection: new ProjectionBatch() };
      this.batches.push(batch);
    }
    batch.rows.push(row);
    batch.done.push(done);
    this.queuedRows += 1;
    if (!this.inFlight) {
      this.inFlight = true;
      // Everything appended in this turn of the event loop joins the first batch.
      queueMicrotask(() => this.pump());
    }
    return batch.projection;
  }

  /** After recovery: accept commands again, continuing after `lastSeq`. */
  reset(lastSeq: bigint): void {
    assert(this.batches.length === 0 && !this.inFlight && this.unresolved === undefined, 'reset with work pending');
    this.failed = false;
    this.lastSeq = lastSeq;
  }

  private pump(): void {
    const batch = this.batches[0];
    if (batch === undefined || this.failed) {
      this.inFlight = false;
      this.committing = false;
      return;
    }
    this.committing = true;
    const startMs = performance.now();
    appendCommands(this.sql, batch.rows).then(
      () => {
        this.batches.shift();
        this.queuedRows -= batch.rows.length;
        this.options.onCommit?.(batch.rows.length, performance.now() - startMs);
        const last = batch.rows[batch.rows.length - 1] as JournalRow;
        this.options.onDurable?.(batch.projection, last.seq, batch.rows.length);
        for (const done of batch.done) done('durable');
        this.pump();
      },
      (e: unknown) => this.fail(e instanceof Error ? e : new Error(String(e))),
    );
  }

  /**
   * Nothing queued is acknowledged now. A PostgreSQL error (severity ERROR: the transaction rolled
   * back) or a connection that could not be opened means no batch was written; a lost connection leaves the batch in flight unknown (its
   * COMMIT may have landed) and the batches behind it not written (they were never sent).
   */
  private fail(error: Error): void {
    this.failed = true;
    this.inFlight = false;
    this.committing = false;
    const pending = this.batches.splice(0);
    this.queuedRows = 0;
    const inFlight = rolledBack(error) || neverConnected(error) ? undefined : pending.shift();
    this.unresolved = inFlight;
    for (const batch of pending) for (const done of batch.done) done('notWritten');
    const range =
      inFlight === undefined
        ? undefined
        : { firstSeq: (inFlight.rows[0] as JournalRow).seq, lastSeq: (inFlight.rows.at(-1) as JournalRow).seq };
    this.options.onFailure(error, range);
  }

  /**
   * The outcome of the batch in flight at the failure: `journalLastSeq` is the journal's last seq
   * read once no old connection can still commit (durable if it covers the batch, else not
   * written); `undefined` when that could not be established (the batch stays unknown). Returns
   * the commands' callbacks' outcome, or undefined when nothing was held.
   */
  resolveInFlight(journalLastSeq: bigint | undefined): JournalOutcome | undefined {
    const batch = this.unresolved;
    if (batch === undefined) return undefined;
    this.unresolved = undefined;
    const last = (batch.rows.at(-1) as JournalRow).seq;
    const outcome: JournalOutcome =
      journalLastSeq === undefined ? 'unknown' : journalLastSeq >= last ? 'durable' : 'notWritten';
    for (const done of batch.done) done(outcome);
    return outcome;
  }
}

/** A PostgreSQL error reply of severity ERROR: its transaction rolled back (FATAL/PANIC end the session and may follow a COMMIT). */
function rolledBack(error: Error): boolean {
  const e = error as Error & { severity?: unknown; code?: unknown };
  return e.name === 'PostgresError' && e.severity === 'ERROR' && typeof e.code === 'string';
}

/** The connection could not be opened: the batch was never sent. */
function neverConnected(error: Error): boolean {
  const code = (error as Error & { code?: unknown }).code;
  return code === 'ECONNREFUSED' || code === 'CONNECT_TIMEOUT';
}
