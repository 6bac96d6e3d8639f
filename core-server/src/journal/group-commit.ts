import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import { appendCommands, type JournalRow } from './journal-store';
import { ProjectionBatch } from './projection';

/** Commands per transaction: bounds a transaction's size and the time one commit takes. */
export const JOURNAL_BATCH_MAX = 4_096;
/** Commands waiting for (or in) a commit; past it new orders are refused with CORE_OVERLOADED. */
export const JOURNAL_QUEUE_MAX = 65_536;

/** Called once per command: `undefined` when it is durable, the error when its batch failed. */
export type DurableCallback = (error: Error | undefined) => void;

type Batch = { rows: JournalRow[]; done: DurableCallback[]; projection: ProjectionBatch };

export type GroupCommitOptions = {
  readonly batchMax?: number;
  readonly queueMax?: number;
  /** After each COMMIT, before the commands' callbacks: the batch's projection, for the projection writer. */
  readonly onDurable?: (projection: ProjectionBatch, lastSeq: bigint, commands: number) => void;
  /** A batch failed: every queued command has been failed; the owner must recover before `reset()`. */
  readonly onFailure: (error: Error) => void;
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
    assert(this.lastSeq === 0n || row.seq === this.lastSeq + 1n, `journal seq gap: ${this.lastSeq} → ${row.seq}`);
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
    assert(this.batches.length === 0 && !this.inFlight, 'reset with work pending');
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
        for (const done of batch.done) done(undefined);
        this.pump();
      },
      (e: unknown) => this.fail(e instanceof Error ? e : new Error(String(e))),
    );
  }

  /** Nothing queued is acknowledged: every waiting command is failed, in order. */
  private fail(error: Error): void {
    this.failed = true;
    this.inFlight = false;
    this.committing = false;
    const pending = this.batches.splice(0);
    this.queuedRows = 0;
    for (const batch of pending) for (const done of batch.done) done(error);
    this.options.onFailure(error);
  }
}
