import type postgres from 'postgres';
import { EventBusError } from './errors';
import { checkSubscription, type EventBus, type EventHandler, type SubscribeOptions } from './event-bus';
import { POLL_INTERVAL_MS_DEFAULT } from './limits';
import { offsetLags, registerConsumer } from './offsets';
import { OutboxReader } from './outbox-reader';
import { type BusLog, type BusStats, type ConsumerLag, consoleBusLog, createBusStats } from './stats';
import { OutboxWakeups } from './wakeups';

export type PostgresEventBusOptions = {
  readonly sql: postgres.Sql;
  /** Safety-net poll period; NOTIFY normally wakes consumers at once. */
  readonly pollIntervalMs?: number;
  readonly log?: BusLog;
};

/**
 * The default bus: consumers read the outbox table directly, woken by LISTEN/NOTIFY with a
 * poll behind it, each keeping its offset in `consumer_offsets` (see OutboxReader). No
 * server beyond PostgreSQL. Delivery is in seq order per consumer; instances of one
 * consumer in several processes take turns on its offset row lock, never splitting a batch.
 */
export class PostgresEventBus implements EventBus {
  readonly kind = 'postgres';
  readonly #sql: postgres.Sql;
  readonly #log: BusLog;
  readonly #stats: BusStats = createBusStats();
  readonly #wakeups: OutboxWakeups;
  readonly #readers = new Map<string, OutboxReader>();
  #state: 'new' | 'started' | 'closed' = 'new';

  constructor(options: PostgresEventBusOptions) {
    this.#sql = options.sql;
    this.#log = options.log ?? consoleBusLog;
    this.#wakeups = new OutboxWakeups(options.sql, options.pollIntervalMs ?? POLL_INTERVAL_MS_DEFAULT, this.#stats);
  }

  async start(): Promise<void> {
    if (this.#state !== 'new') throw new EventBusError('BUS_CLOSED', `bus is ${this.#state}`);
    this.#state = 'started';
    await this.#wakeups.start();
    for (const reader of this.#readers.values()) reader.wake();
  }

  async subscribe(
    consumer: string,
    patterns: readonly string[],
    handler: EventHandler,
    options: SubscribeOptions = {},
  ): Promise<void> {
    if (this.#state === 'closed') throw new EventBusError('BUS_CLOSED', 'bus is closed');
    const sub = checkSubscription(consumer, patterns, handler, options, new Set(this.#readers.keys()));
    const reader = new OutboxReader(this.#sql, {
      ...sub,
      stats: this.#stats,
      log: this.#log,
      onCommitted: (delivered) => {
        this.#stats.delivered += delivered.length;
        this.#stats.batches += 1;
      },
    });
    // Reserved before the first await, so a second subscribe of the same name is refused.
    this.#readers.set(consumer, reader);
    try {
      await registerConsumer(this.#sql, consumer);
    } catch (error) {
      this.#readers.delete(consumer);
      throw error;
    }
    this.#wakeups.add(() => reader.wake());
    if (this.#state === 'started') reader.wake();
  }

  stats(): BusStats {
    return { ...this.#stats };
  }

  async lag(): Promise<readonly ConsumerLag[]> {
    const lags = await offsetLags(this.#sql, [...this.#readers.keys()]);
    return [...lags].map(([consumer, lagEvents]) => ({ consumer, lagEvents }));
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    await this.#wakeups.close();
    await Promise.all([...this.#readers.values()].map((r) => r.close()));
  }
}
