/**
 * Counters a bus keeps for /metrics (monotonic unless noted). Core and edge read
 * `bus.stats()` and `bus.lag()` when scraped; nothing here does I/O.
 */
export type BusStats = {
  /** Events the relay published to RabbitMQ and saw confirmed (RabbitMQ bus only). */
  published: number;
  /** Events handed to handlers in a batch that committed. */
  delivered: number;
  /** Batches that committed. */
  batches: number;
  /** RabbitMQ deliveries flagged as redelivered. */
  redelivered: number;
  /** Events received again and skipped because their seq was already processed. */
  duplicatesSkipped: number;
  /** Messages on our queues that were not an event of ours (acknowledged and dropped). */
  malformed: number;
  /** Failed batches (handler error, lost connection...): each is retried with backoff. */
  failures: number;
  /** Connections to RabbitMQ established after the first. */
  reconnects: number;
  /** Consumer wake-ups by NOTIFY and by the safety-net poll. */
  wakeupsByNotify: number;
  wakeupsByPoll: number;
};

export function createBusStats(): BusStats {
  return {
    published: 0,
    delivered: 0,
    batches: 0,
    redelivered: 0,
    duplicatesSkipped: 0,
    malformed: 0,
    failures: 0,
    reconnects: 0,
    wakeupsByNotify: 0,
    wakeupsByPoll: 0,
  };
}

/** How far behind one consumer is: outbox events not yet processed (PostgreSQL bus, relay) or messages ready in its queue (RabbitMQ). */
export type ConsumerLag = { readonly consumer: string; readonly lagEvents: number };

/** The log calls the bus makes (pino's signature); failures are logged, counted and retried. */
export type BusLog = {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

export const consoleBusLog: BusLog = {
  warn: (fields, message) => console.warn(`[bus] ${message}`, fields),
  error: (fields, message) => console.error(`[bus] ${message}`, fields),
};

/** Exponential backoff from RETRY_DELAY_MS_MIN, capped; `failures` counts from 1. */
export function backoffMs(failures: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.min(failures - 1, 20));
}
