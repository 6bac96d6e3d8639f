import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import { appendProjection, type OutboxAppend, readProjectedSeq } from './journal-store';
import { ProjectionBatch } from './projection';

/** Commands per projection transaction: several journal batches are merged up to this. */
export const PROJECTION_COMMANDS_MAX = 16_384;
/**
 * With nobody waiting for the tables (WebSocket acks do not), a projection waits this long for
 * more journal batches to merge, unless PROJECTION_EAGER_COMMANDS are queued already: under
 * light load that is one projection transaction per ~20 ms instead of one per journal commit
 * (each costs PostgreSQL and core CPU that the journal commits compete for). A waiter (an HTTP
 * answer, `projected()`) starts it at once.
 */
export const PROJECTION_DELAY_MS = 20;
export const PROJECTION_EAGER_COMMANDS = 1_024;
/** Pause before a failed projection transaction is tried again (doubling up to the max). */
export const PROJECTION_RETRY_MS_MIN = 50;
export const PROJECTION_RETRY_MS_MAX = 5_000;

type Pending = { readonly batch: ProjectionBatch; readonly lastSeq: bigint; readonly commands: number };

export type ProjectionWriterOptions = {
  readonly outbox?: OutboxAppend;
  /** After each projection commit (snapshots wait for it, metrics). */
  readonly onProjected?: (seq: bigint, commands: number, ms: number) => void;
  /** A transaction failed and will be retried (logging, metrics). */
  readonly onRetry?: (error: Error, delayMs: number) => void;
};

/**
 * Writes the projection of durable journal batches (query tables + bus outbox + the
 * `journal_projection` watermark) in transactions of its own, in seq order, off the ack path:
 * a command is acknowledged once journalled, and its projection follows within a transaction
 * or two. Batches that queue up while one is written are merged into the next transaction (an
 * order placed and cancelled meanwhile becomes one row). A failed transaction is retried after
 * re-reading the watermark, so nothing is written twice; a crash loses only what recovery
 * re-projects from the journal.
 */
export class ProjectionWriter {
  private readonly queue: Pending[] = [];
  private waiters: { seq: bigint; resolve: () => void }[] = [];
  private running: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private delayTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  private projected = 0n;
  private queuedCommands = 0;

  constructor(
    private readonly sql: Sql,
    private readonly options: ProjectionWriterOptions = {},
  ) {}

  /** The last seq whose projection is committed. */
  get projectedSeq(): bigint {
    return this.projected;
  }
  /** Durable commands whose projection is not committed yet. */
  get lag(): number {
    return this.queuedCommands;
  }

  /** A durable journal batch (in seq order): its projection is written as soon as possible. */
  enqueue(batch: ProjectionBatch, lastSeq: bigint, commands: number): void {
    if (this.stopped) return;
    const prev = this.queue[this.queue.length - 1]?.lastSeq ?? this.projected;
    assert(lastSeq - BigInt(commands) === prev, `projection seq gap: ${prev} → ${lastSeq - BigInt(commands) + 1n}`);
    this.queue.push({ batch, lastSeq, commands });
    this.queuedCommands += commands;
    this.kick();
  }

  /** Resolves once `seq` is projected, or when the writer stops (the command is durable either way). */
  waitFor(seq: bigint): Promise<void> {
    if (seq <= this.projected || this.stopped) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    this.kick();
    return done;
  }

  /**
   * Writes one projection now (recovery re-projecting the journal), awaited; the writer must
   * be idle (stopped or empty).
   */
  async writeNow(batch: ProjectionBatch, lastSeq: bigint): Promise<void> {
    assert(this.queue.length === 0 && this.running === undefined, 'writeNow while the writer is busy');
    await appendProjection(this.sql, batch, { fromSeq: this.projected, toSeq: lastSeq }, this.options.outbox);
    this.projected = lastSeq;
  }

  /** Drops what is queued and waits for a transaction in flight (recovery re-projects from the database). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.delayTimer !== undefined) clearTimeout(this.delayTimer);
    this.delayTimer = undefined;
    this.queue.length = 0;
    this.queuedCommands = 0;
    await this.running;
    this.releaseWaiters(true);
  }

  /** After recovery: the database's watermark, and accept batches again. */
  reset(projectedSeq: bigint): void {
    assert(this.queue.length === 0 && this.running === undefined, 'reset with work pending');
    this.stopped = false;
    this.failures = 0;
    this.projected = projectedSeq;
  }

  /** Resolves when everything queued is written (or the writer stopped). */
  async drained(pollMs: number, pollsMax: number): Promise<void> {
    this.start();
    for (let i = 0; i < pollsMax && this.queue.length > 0 && !this.stopped; i += 1) {
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  private kick(): void {
    if (this.running !== undefined || this.retryTimer !== undefined || this.stopped || this.queue.length === 0) return;
    const urgent = this.waiters.length > 0 || this.queuedCommands >= PROJECTION_EAGER_COMMANDS;
    if (!urgent) {
      this.delayTimer ??= setTimeout(() => {
        this.delayTimer = undefined;
        this.start();
      }, PROJECTION_DELAY_MS);
      return;
    }
    this.start();
  }

  private start(): void {
    if (this.delayTimer !== undefined) clearTimeout(this.delayTimer);
    this.delayTimer = undefined;
    if (this.running !== undefined || this.retryTimer !== undefined || this.stopped || this.queue.length === 0) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped) {
      const { batch, take, lastSeq, commands } = this.merged();
      const startMs = performance.now();
      try {
        await appendProjection(this.sql, batch, { fromSeq: this.projected, toSeq: lastSeq }, this.options.outbox);
      } catch (e) {
        await this.afterFailure(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      // Stopped meanwhile: recovery reads the watermark from the database.
      if (this.stopped) return;
      this.failures = 0;
      this.queue.splice(0, take);
      this.queuedCommands -= commands;
      this.projected = lastSeq;
      this.releaseWaiters(false);
      this.options.onProjected?.(lastSeq, commands, performance.now() - startMs);
    }
  }

  /** The head of the queue as one batch, up to PROJECTION_COMMANDS_MAX commands (at least one batch). */
  private merged(): { batch: ProjectionBatch; take: number; lastSeq: bigint; commands: number } {
    const first = this.queue[0] as Pending;
    let take = 1;
    let commands = first.commands;
    while (take < this.queue.length && commands + (this.queue[take] as Pending).commands <= PROJECTION_COMMANDS_MAX) {
      commands += (this.queue[take] as Pending).commands;
      take += 1;
    }
    if (take === 1) return { batch: first.batch, take, lastSeq: first.lastSeq, commands };
    const batch = new ProjectionBatch();
    for (let i = 0; i < take; i += 1) batch.absorb((this.queue[i] as Pending).batch);
    return { batch, take, lastSeq: (this.queue[take - 1] as Pending).lastSeq, commands };
  }

  /** Retry later; first learn whether the failed COMMIT happened after all (its outcome can be unknown). */
  private async afterFailure(error: Error): Promise<void> {
    this.failures += 1;
    const delayMs = Math.min(PROJECTION_RETRY_MS_MAX, PROJECTION_RETRY_MS_MIN * 2 ** (this.failures - 1));
    this.options.onRetry?.(error, delayMs);
    try {
      this.skipProjected(await readProjectedSeq(this.sql));
    } catch {
      // The database is away: the retry reads the watermark again.
    }
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delayMs);
  }

  /** Drops queued batches the database already has (a COMMIT whose answer was lost). */
  private skipProjected(dbSeq: bigint): void {
    while (this.queue.length > 0 && (this.queue[0] as Pending).lastSeq <= dbSeq) {
      const done = this.queue.shift() as Pending;
      this.queuedCommands -= done.commands;
      this.projected = done.lastSeq;
    }
    this.releaseWaiters(false);
  }

  private releaseWaiters(all: boolean): void {
    if (this.waiters.length === 0) return;
    const keep: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (all || w.seq <= this.projected) w.resolve();
      else keep.push(w);
    }
    this.waiters = keep;
  }
}
