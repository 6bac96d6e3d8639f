/** Every bound of the event bus, in one place (STYLE: a limit on everything). */

/** Events per consumer batch (one handler call, one transaction): the largest allowed batchSizeMax. */
export const BATCH_SIZE_MAX = 1_000;
/** Batch size when a subscriber names none. */
export const BATCH_SIZE_DEFAULT = 100;

/** Events per appendToOutbox call: one statement; a group commit bigger than this is a bug upstream. */
export const APPEND_EVENTS_MAX = 50_000;
/** Serialised payload size per event: events are notices, not documents. */
export const EVENT_PAYLOAD_BYTES_MAX = 64 * 1024;

/** Consumer names become queue names and table keys. */
export const CONSUMER_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;
/** Routing patterns per subscription. */
export const PATTERNS_PER_SUBSCRIPTION_MAX = 32;

/** The safety-net poll: a missed NOTIFY delays delivery by at most this. */
export const POLL_INTERVAL_MS_DEFAULT = 1_000;

/** Retry after a failed batch or a lost connection: exponential from MIN, capped at MAX. */
export const RETRY_DELAY_MS_MIN = 50;
export const RETRY_DELAY_MS_MAX = 10_000;

/** How long the relay waits for RabbitMQ's publisher confirms of one batch before retrying. */
export const CONFIRM_TIMEOUT_MS = 15_000;

/**
 * Unacknowledged RabbitMQ deliveries per consumer channel (basic.qos prefetch): this is the
 * bound of a consumer's in-memory queue. It equals the consumer's batch size.
 */
export const PREFETCH_MAX = BATCH_SIZE_MAX;

/**
 * A RabbitMQ consumer remembers the seqs it processed for this many seqs below its highest.
 * Duplicates come from (a) redelivery of unacked messages, at most a prefetch window back,
 * and (b) the relay publishing its unconfirmed tail again after a restart, at most one relay
 * batch back. Both are ≤ BATCH_SIZE_MAX seqs behind the consumer's highest seq, so a window
 * 100× larger is safe; anything older is treated as already processed.
 */
export const PROCESSED_RETENTION_SEQS = 100 * BATCH_SIZE_MAX;
/** Prune the processed set once every this many batches. */
export const PRUNE_EVERY_BATCHES = 100;
