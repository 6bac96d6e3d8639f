import type postgres from 'postgres';
import { AmqpConsumer } from './amqp-consumer';
import { AmqpLink } from './amqp-link';
import { AmqpRelay, relayConsumerName } from './amqp-relay';
import { EventBusError } from './errors';
import { checkSubscription, type EventBus, type EventHandler, type SubscribeOptions } from './event-bus';
import type { BusFaults } from './faults';
import { CONSUMER_NAME_PATTERN, POLL_INTERVAL_MS_DEFAULT } from './limits';
import { offsetLags, registerConsumer } from './offsets';
import { type BusLog, type BusStats, type ConsumerLag, consoleBusLog, createBusStats } from './stats';
import { OutboxWakeups } from './wakeups';

export const EXCHANGE_DEFAULT = 'tradewind.events';

export type RabbitMqEventBusOptions = {
  readonly sql: postgres.Sql;
  /** amqp://user:pass@host:5672/vhost */
  readonly amqpUrl: string;
  /** The durable topic exchange (default tradewind.events); queues are named `<exchange>.<consumer>`. */
  readonly exchange?: string;
  /** Run the outbox → RabbitMQ relay in this process (default true; relays anywhere take turns). */
  readonly relay?: boolean;
  /** Safety-net poll of the relay; NOTIFY normally wakes it at once. */
  readonly pollIntervalMs?: number;
  readonly log?: BusLog;
  readonly faults?: BusFaults;
};

/**
 * The bus at scale: the outbox stays the source of truth (publishers do not change), a
 * relay publishes it to a durable topic exchange with publisher confirms, and each
 * consumer has a durable queue with manual acks and dedupe by seq (see AmqpRelay,
 * AmqpConsumer). Reconnects with backoff; while RabbitMQ is away events wait in the outbox.
 */
export class RabbitMqEventBus implements EventBus {
  readonly kind = 'rabbitmq';
  readonly #sql: postgres.Sql;
  readonly #exchange: string;
  readonly #log: BusLog;
  readonly #faults: BusFaults;
  readonly #stats: BusStats = createBusStats();
  readonly #link: AmqpLink;
  readonly #wakeups: OutboxWakeups;
  readonly #relay: AmqpRelay | null;
  readonly #consumers = new Map<string, AmqpConsumer>();
  #state: 'new' | 'started' | 'closed' = 'new';

  constructor(options: RabbitMqEventBusOptions) {
    this.#sql = options.sql;
    this.#exchange = options.exchange ?? EXCHANGE_DEFAULT;
    if (!CONSUMER_NAME_PATTERN.test(this.#exchange)) {
      throw new EventBusError('BUS_CONSUMER_NAME', `exchange names match ${CONSUMER_NAME_PATTERN}`);
    }
    this.#log = options.log ?? consoleBusLog;
    this.#faults = options.faults ?? {};
    this.#link = new AmqpLink(options.amqpUrl, this.#stats, this.#log, this.#faults.onConnected);
    this.#wakeups = new OutboxWakeups(options.sql, options.pollIntervalMs ?? POLL_INTERVAL_MS_DEFAULT, this.#stats);
    const parts = { exchange: this.#exchange, stats: this.#stats, log: this.#log, faults: this.#faults };
    this.#relay = options.relay === false ? null : new AmqpRelay(options.sql, parts);
  }

  /** Starts the relay and makes one connection attempt (retries go on in the background). */
  async start(): Promise<void> {
    if (this.#state !== 'new') throw new EventBusError('BUS_CLOSED', `bus is ${this.#state}`);
    this.#state = 'started';
    const relay = this.#relay;
    if (relay) {
      await registerConsumer(this.#sql, relayConsumerName(this.#exchange), 'earliest');
      this.#wakeups.add(() => relay.reader.wake());
      await this.#wakeups.start();
      void this.#link.add(relay);
    }
    for (const consumer of this.#consumers.values()) void this.#link.add(consumer);
    await this.#link.start();
  }

  async subscribe(
    consumer: string,
    patterns: readonly string[],
    handler: EventHandler,
    options: SubscribeOptions = {},
  ): Promise<void> {
    if (this.#state === 'closed') throw new EventBusError('BUS_CLOSED', 'bus is closed');
    const sub = checkSubscription(consumer, patterns, handler, options, new Set(this.#consumers.keys()));
    const part = new AmqpConsumer(this.#sql, sub, {
      exchange: this.#exchange,
      stats: this.#stats,
      log: this.#log,
      faults: this.#faults,
    });
    this.#consumers.set(consumer, part);
    try {
      await registerConsumer(this.#sql, consumer);
    } catch (error) {
      this.#consumers.delete(consumer);
      throw error;
    }
    // Once started, resolve when the queue is bound (if connected), so nothing published after is missed.
    if (this.#state === 'started') await this.#link.add(part);
  }

  stats(): BusStats {
    return { ...this.#stats };
  }

  /** The relay's distance from the outbox head, and each consumer's ready messages in its queue. */
  async lag(): Promise<readonly ConsumerLag[]> {
    const lags: ConsumerLag[] = [];
    if (this.#relay) {
      const name = relayConsumerName(this.#exchange);
      const relayLag = (await offsetLags(this.#sql, [name])).get(name);
      if (relayLag !== undefined) lags.push({ consumer: name, lagEvents: relayLag });
    }
    for (const [consumer, part] of this.#consumers) {
      const depth = await part.queueDepth().catch(() => null);
      if (depth !== null) lags.push({ consumer, lagEvents: depth });
    }
    return lags;
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    await this.#wakeups.close();
    await this.#relay?.reader.close();
    await Promise.all([...this.#consumers.values()].map((c) => c.close()));
    await this.#link.close();
  }
}
