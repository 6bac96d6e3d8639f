import { assert } from '@tradewind/shared/util';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type postgres from 'postgres';
import type { AmqpPart } from './amqp-link';
import { encodeEvent } from './event-codec';
import type { BusEvent } from './event-types';
import type { BusFaults } from './faults';
import { BATCH_SIZE_MAX, CONFIRM_TIMEOUT_MS } from './limits';
import { OutboxReader } from './outbox-reader';
import type { BusLog, BusStats } from './stats';

export type AmqpRelayOptions = {
  readonly exchange: string;
  readonly stats: BusStats;
  readonly log: BusLog;
  readonly faults: BusFaults;
};

/** The relay's offset row in consumer_offsets. */
export const relayConsumerName = (exchange: string) => `relay.${exchange}`;

/**
 * Moves the outbox into RabbitMQ in seq order, never losing an event: it is an outbox reader
 * whose handler publishes a batch (persistent messages, routing key = event type) and waits
 * for the broker's publisher confirms before its offset may commit. A crash or a nack
 * between publish and commit means the batch is published again (consumers dedupe by seq).
 * Relays in several processes take turns on the offset row lock, so the order holds.
 */
export class AmqpRelay implements AmqpPart {
  readonly reader: OutboxReader;
  #model: ChannelModel | null = null;
  #channel: ConfirmChannel | null = null;

  constructor(
    sql: postgres.Sql,
    private readonly options: AmqpRelayOptions,
  ) {
    this.reader = new OutboxReader(sql, {
      consumer: relayConsumerName(options.exchange),
      batchSizeMax: BATCH_SIZE_MAX,
      matches: () => true,
      handler: (events) => this.#publish(events),
      stats: options.stats,
      log: options.log,
      onCommitted: (events) => {
        options.stats.published += events.length;
      },
    });
  }

  async attach(model: ChannelModel): Promise<void> {
    this.#model = model;
    this.#channel = null;
    await this.#ensureChannel();
    this.reader.wake();
  }

  detach(): void {
    this.#model = null;
    this.#channel = null;
  }

  async #ensureChannel(): Promise<ConfirmChannel> {
    if (this.#channel) return this.#channel;
    const model = this.#model;
    if (!model) throw new Error('relay is not connected to RabbitMQ');
    const ch = await model.createConfirmChannel();
    ch.on('error', (error: Error) => this.options.log.warn({ err: error.message }, 'relay channel error'));
    ch.on('close', () => {
      if (this.#channel === ch) this.#channel = null;
    });
    await ch.assertExchange(this.options.exchange, 'topic', { durable: true });
    this.#channel = ch;
    return ch;
  }

  async #publish(events: readonly BusEvent[]): Promise<void> {
    const ch = await this.#ensureChannel();
    const last = events.at(-1);
    assert(last, 'the relay publishes non-empty batches');
    try {
      for (const event of events) {
        // The return value only signals a full socket buffer; a batch is bounded, so we let it queue.
        ch.publish(this.options.exchange, event.type, encodeEvent(event), {
          persistent: true,
          contentType: 'application/json',
          messageId: String(event.seq),
          type: event.type,
        });
      }
      await withTimeout(ch.waitForConfirms(), CONFIRM_TIMEOUT_MS, 'publisher confirms');
    } catch (error) {
      // A channel that lost confirms never confirms again: the retry starts on a fresh one.
      if (this.#channel === ch) this.#channel = null;
      ch.close().catch(() => {});
      throw error;
    }
    await this.options.faults.afterRelayConfirm?.(last.seq);
  }
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
