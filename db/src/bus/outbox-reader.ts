import { assert } from '@tradewind/shared/util';
import type postgres from 'postgres';
import type { EventHandler } from './event-bus';
import type { BusEvent } from './event-types';
import { RETRY_DELAY_MS_MAX, RETRY_DELAY_MS_MIN } from './limits';
import { advanceOffset, lockOffset } from './offsets';
import { readOutbox } from './outbox';
import { type BusLog, type BusStats, backoffMs } from './stats';
import type { TypeMatcher } from './topic-pattern';

export type OutboxReaderOptions = {
  readonly consumer: string;
  readonly batchSizeMax: number;
  readonly matches: TypeMatcher;
  readonly handler: EventHandler;
  readonly stats: BusStats;
  readonly log: BusLog;
  /** Called after a batch committed, with the events handed to the handler. */
  readonly onCommitted?: (delivered: readonly BusEvent[]) => void;
};

type StepResult = 'more' | 'idle' | 'busy';

/**
 * Reads one consumer's way through the outbox: lock the offset row, read the next batch,
 * run the handler, advance the offset, commit — all in one transaction, so the handler's
 * writes and the consumer's progress commit or roll back together. Batches run one at a
 * time; `wake()` asks for another pass (NOTIFY, poll), and a failed batch is retried with
 * exponential backoff. Used by PostgreSQL-bus consumers and by the RabbitMQ relay.
 */
export class OutboxReader {
  #pending = false;
  #running: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #failures = 0;
  #closed = false;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly options: OutboxReaderOptions,
  ) {}

  wake(): void {
    this.#pending = true;
    this.#kick();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    await this.#running;
  }

  #kick(): void {
    if (this.#closed || this.#running || this.#retryTimer) return;
    this.#running = this.#drain().finally(() => {
      this.#running = null;
      if (this.#pending) this.#kick();
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending && !this.#closed) {
      this.#pending = false;
      try {
        if ((await this.#step()) === 'more') this.#pending = true;
        this.#failures = 0;
      } catch (error) {
        this.#failed(error);
        return;
      }
    }
  }

  #failed(error: unknown): void {
    this.#failures += 1;
    this.options.stats.failures += 1;
    const delayMs = backoffMs(this.#failures, RETRY_DELAY_MS_MIN, RETRY_DELAY_MS_MAX);
    this.options.log.warn({ consumer: this.options.consumer, err: String(error), delayMs }, 'batch failed; retrying');
    this.#pending = true;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#kick();
    }, delayMs);
  }

  async #step(): Promise<StepResult> {
    const { consumer, batchSizeMax, matches, handler } = this.options;
    let delivered: BusEvent[] = [];
    const result = await this.sql.begin(async (tx): Promise<StepResult> => {
      const lastSeq = await lockOffset(tx, consumer);
      if (lastSeq === null) return 'busy';
      const events = await readOutbox(tx, lastSeq, batchSizeMax);
      if (events.length === 0) return 'idle';
      assertContiguous(events, lastSeq);
      delivered = events.filter((e) => matches(e.type));
      if (delivered.length > 0) await handler(delivered, tx);
      await advanceOffset(tx, consumer, lastSeq + events.length);
      return events.length === batchSizeMax ? 'more' : 'idle';
    });
    if (result !== 'busy' && delivered.length > 0) this.options.onCommitted?.(delivered);
    return result;
  }
}

/** Seqs are gap-free and visible in order (see appendToOutbox): a gap here is a bug. */
function assertContiguous(events: readonly BusEvent[], lastSeq: number): void {
  for (let i = 0; i < events.length; i += 1) {
    assert(events[i]?.seq === lastSeq + 1 + i, `outbox gap after seq ${lastSeq + i}`);
  }
}
