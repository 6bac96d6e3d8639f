import type postgres from 'postgres';
import { EventBusError } from './errors';
import type { BusEvent } from './event-types';
import { BATCH_SIZE_DEFAULT, BATCH_SIZE_MAX, CONSUMER_NAME_PATTERN } from './limits';
import type { BusStats, ConsumerLag } from './stats';
import { compilePatterns, type TypeMatcher } from './topic-pattern';

/**
 * A consumer's handler: a batch of events in seq order, and the transaction in which the
 * consumer's progress is recorded. Writes made through `tx` commit together with that
 * progress (effectively exactly-once); anything else the handler does (send an e-mail)
 * is at-least-once and should dedupe by `event.seq`. Throwing rolls the batch back; it is
 * retried with backoff, in order (a failing event holds up its consumer, loudly).
 */
export type EventHandler = (events: readonly BusEvent[], tx: postgres.TransactionSql) => Promise<void>;

export type SubscribeOptions = {
  /** Events per handler call, 1..BATCH_SIZE_MAX (default BATCH_SIZE_DEFAULT). */
  readonly batchSizeMax?: number;
};

export interface EventBus {
  readonly kind: 'postgres' | 'rabbitmq';
  /** Starts listening (and, for RabbitMQ, connecting and relaying). Subscriptions made before start begin now. */
  start(): Promise<void>;
  /**
   * Registers a consumer (by a stable name: its progress is kept under it) for the event
   * types matching `patterns` (AMQP topic syntax: `order.*`, `#`). Resolves once it is
   * registered and receiving; it gets every matching event committed from then on,
   * including, after a restart, those committed while it was away.
   */
  subscribe(
    consumer: string,
    patterns: readonly string[],
    handler: EventHandler,
    options?: SubscribeOptions,
  ): Promise<void>;
  /** A snapshot of the counters. */
  stats(): BusStats;
  /** How far behind each consumer of this bus instance (and the relay) is. */
  lag(): Promise<readonly ConsumerLag[]>;
  /** Stops taking new batches, waits for the ones in flight, and disconnects. */
  close(): Promise<void>;
}

export type Subscription = {
  readonly consumer: string;
  readonly patterns: readonly string[];
  readonly matches: TypeMatcher;
  readonly handler: EventHandler;
  readonly batchSizeMax: number;
};

/** Checks a subscribe call; throws EventBusError (and registers nothing) on bad arguments. */
export function checkSubscription(
  consumer: string,
  patterns: readonly string[],
  handler: EventHandler,
  options: SubscribeOptions,
  taken: ReadonlySet<string>,
): Subscription {
  if (typeof consumer !== 'string' || !CONSUMER_NAME_PATTERN.test(consumer)) {
    throw new EventBusError('BUS_CONSUMER_NAME', `consumer names match ${CONSUMER_NAME_PATTERN}`);
  }
  if (taken.has(consumer)) throw new EventBusError('BUS_CONSUMER_DUPLICATE', `${consumer} is already subscribed here`);
  const batchSizeMax = options.batchSizeMax ?? BATCH_SIZE_DEFAULT;
  if (!Number.isSafeInteger(batchSizeMax) || batchSizeMax < 1 || batchSizeMax > BATCH_SIZE_MAX) {
    throw new EventBusError(
      'BUS_BATCH_SIZE',
      `batchSizeMax is an integer in 1..${BATCH_SIZE_MAX}, got ${batchSizeMax}`,
    );
  }
  return { consumer, patterns: [...patterns], matches: compilePatterns(patterns), handler, batchSizeMax };
}
