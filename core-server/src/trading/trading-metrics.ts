import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Order entry and journal metrics, registered in the core's registry (served at /metrics). */
export class TradingMetrics {
  readonly queued: Gauge;
  readonly batchCommands: Histogram;
  readonly commitSeconds: Histogram;
  readonly failures: Counter;
  readonly answers: Counter<'outcome'>;
  /** Answers counted since the last scrape, by outcome: added to `answers` when it is collected. */
  private readonly answered = new Map<string, number>();
  readonly ready: Gauge;
  readonly projectionCommands: Histogram;
  readonly projectionSeconds: Histogram;
  readonly projectionRetries: Counter;

  /**
   * One answer: a map entry, not a labelled `inc` (prom-client hashes the labels on every call,
   * ~0.1-0.2 µs, once per order); the counter catches up whenever it is read.
   */
  countAnswer(outcome: string): void {
    this.answered.set(outcome, (this.answered.get(outcome) ?? 0) + 1);
  }

  constructor(registry: Registry) {
    const registers = [registry];
    this.queued = new Gauge({
      name: 'core_journal_queue_commands',
      help: 'Commands waiting for or in a journal commit',
      registers,
    });
    this.batchCommands = new Histogram({
      name: 'core_journal_batch_commands',
      help: 'Commands per journal transaction (group commit)',
      buckets: [1, 4, 16, 64, 256, 1024, 4096],
      registers,
    });
    this.commitSeconds = new Histogram({
      name: 'core_journal_commit_seconds',
      help: 'Time from starting a journal batch to its commit being seen by the core',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.failures = new Counter({
      name: 'core_journal_failures_total',
      help: 'Journal batches that failed (order entry closed until recovered)',
      registers,
    });
    const answered = this.answered;
    this.answers = new Counter({
      name: 'core_orders_answered_total',
      help: 'Trading requests answered, by outcome (ack or the reject code: a closed set)',
      labelNames: ['outcome'] as const,
      registers,
      collect() {
        for (const [outcome, n] of answered) this.inc({ outcome }, n);
        answered.clear();
      },
    });
    this.projectionCommands = new Histogram({
      name: 'core_projection_batch_commands',
      help: 'Commands per projection transaction (query tables + outbox, after the journal commit)',
      buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384],
      registers,
    });
    this.projectionSeconds = new Histogram({
      name: 'core_projection_commit_seconds',
      help: 'Time of one projection transaction',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.projectionRetries = new Counter({
      name: 'core_projection_retries_total',
      help: 'Projection transactions that failed and were retried',
      registers,
    });
    this.ready = new Gauge({
      name: 'core_order_entry_ready',
      help: '1 when order entry takes orders, 0 while recovering',
      registers,
    });
  }
}
