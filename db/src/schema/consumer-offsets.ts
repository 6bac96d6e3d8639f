import { sql } from 'drizzle-orm';
import { bigint, check, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Where each bus consumer is (db/src/bus). For an outbox reader (a PostgreSQL-bus consumer,
 * or the RabbitMQ relay) `last_seq` is the last event it has processed: it advances in the
 * same transaction as the handler's writes, and the row lock serialises instances of one
 * consumer. For a RabbitMQ consumer it is the highest seq processed (for lag and pruning).
 */
export const consumerOffsets = pgTable(
  'consumer_offsets',
  {
    consumer: text('consumer').primaryKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('consumer_offsets_non_negative', sql`${t.lastSeq} >= 0`)],
);

/**
 * Seqs a RabbitMQ consumer has processed: RabbitMQ may redeliver, and the relay may publish
 * again after a restart, so consumers dedupe by seq. Rows far below the consumer's highest
 * seq are pruned (see PROCESSED_RETENTION_SEQS in db/src/bus/limits.ts for why that is safe).
 */
export const consumerProcessedEvents = pgTable(
  'consumer_processed_events',
  {
    consumer: text('consumer').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'consumer_processed_events_pk', columns: [t.consumer, t.seq] })],
);
