import { Counter, Gauge, type Registry } from 'prom-client';

/** The recorder's queues, rows, drops and failures, by table (trades, quotes, bars). */
export class RecorderMetrics {
  readonly queued;
  readonly written;
  readonly dropped;
  readonly failures;
  readonly pruned;

  constructor(registry: Registry) {
    const registers = [registry];
    this.queued = new Gauge({
      name: 'core_rec_queue_rows',
      help: 'Rows waiting to be written, by table',
      labelNames: ['table'] as const,
      registers,
    });
    this.written = new Counter({
      name: 'core_rec_rows_written_total',
      help: 'Rows written to PostgreSQL, by table',
      labelNames: ['table'] as const,
      registers,
    });
    this.dropped = new Counter({
      name: 'core_rec_rows_dropped_total',
      help: 'Rows dropped because their queue was full (the database was slow or away), by table',
      labelNames: ['table'] as const,
      registers,
    });
    this.failures = new Counter({
      name: 'core_rec_write_failures_total',
      help: 'Failed batch writes (the rows go back to their queue), by table',
      labelNames: ['table'] as const,
      registers,
    });
    this.pruned = new Counter({
      name: 'core_rec_rows_pruned_total',
      help: 'Raw rows deleted by the retention setting, by table',
      labelNames: ['table'] as const,
      registers,
    });
  }
}
