import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Order entry and journal metrics, registered in the core's registry (served at /metrics). */
export class TradingMetrics {
  readonly queued: Gauge;
  readonly batchCommands: Histogram;
  readonly commitSeconds: Histogram;
  readonly failures: Counter;
  readonly answers: Counter<'outcome'>;
  readonly ready: Gauge;
  readonly projectionCommands: Histogram;
  readonly projectionSeconds: Histogram;
  readonly projectionRetries: Counter;

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
    this.answers = new Counter({
      name: 'core_orders_answered_total',
      help: 'Trading requests answered, by outcome (ack or the reject code: a closed set)',
      labelNames: ['outcome'] as const,
      registers,
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
