import { assert } from '@tradewind/shared/util';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type postgres from 'postgres';
import type { AmqpPart } from './amqp-link';
import type { Subscription } from './event-bus';
import { decodeEvent } from './event-codec';
import type { BusEvent } from './event-types';
import type { BusFaults } from './faults';
import { PROCESSED_RETENTION_SEQS, PRUNE_EVERY_BATCHES, RETRY_DELAY_MS_MAX, RETRY_DELAY_MS_MIN } from './limits';
import { toSeq } from './outbox';
import { type BusLog, type BusStats, backoffMs } from './stats';

export type AmqpConsumerOptions = {
  readonly exchange: string;
  readonly stats: BusStats;
  readonly log: BusLog;
  readonly faults: BusFaults;
};

export const consumerQueueName = (exchange: string, consumer: string) => `${exchange}.${consumer}`;

/**
 * One subscription on RabbitMQ: a durable queue bound by the subscription's patterns,
 * single-active-consumer (instances of one consumer take over from each other instead of
 * sharing, which keeps the order), prefetch = batch size (the bound of what sits in memory).
 * Each batch runs in one transaction that records its seqs in consumer_processed_events —
 * skipping seqs already there (redeliveries, a relay's second publish) — runs the handler,
 * and commits; only then is it acknowledged. On failure the channel is closed, which hands
 * every unacknowledged message back to the queue in order, and reopened after a backoff.
 */
export class AmqpConsumer implements AmqpPart {
  readonly queue: string;
  #model: ChannelModel | null = null;
  #channel: Channel | null = null;
  #opening: Promise<void> | null = null;
  #buffer: ConsumeMessage[] = [];
  #inFlight = 0;
  #draining: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #failures = 0;
  #batches = 0;
  #closed = false;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly sub: Subscription,
    private readonly options: AmqpConsumerOptions,
  ) {
    this.queue = consumerQueueName(options.exchange, sub.consumer);
  }

  async attach(model: ChannelModel): Promise<void> {
    this.#model = model;
    this.#dropChannel();
    await this.#open(model);
  }

  detach(): void {
    this.#model = null;
    this.#dropChannel();
  }

  /** Ready messages waiting in the queue, or null when not connected. */
  async queueDepth(): Promise<number | null> {
    const model = this.#model;
    if (!model) return null;
    const ch = await model.createChannel();
    ch.on('error', () => {});
    try {
      return (await ch.checkQueue(this.queue)).messageCount;
    } finally {
      await ch.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    await this.#draining;
    this.#dropChannel();
  }

  /** Opens one channel at a time: a reopen racing a reconnect waits its turn, then checks it is still needed. */
  #open(model: ChannelModel): Promise<void> {
    const next = (this.#opening ?? Promise.resolve())
      .catch(() => {})
      .then(async () => {
        if (this.#closed || this.#model !== model || this.#channel) return;
        await this.#declareAndConsume(model);
      });
    this.#opening = next;
    next
      .finally(() => {
        if (this.#opening === next) this.#opening = null;
      })
      .catch(() => {});
    return next;
  }

  async #declareAndConsume(model: ChannelModel): Promise<void> {
    const { exchange } = this.options;
    const ch = await model.createChannel();
    ch.on('error', (error: Error) => this.options.log.warn({ err: error.message, queue: this.queue }, 'channel error'));
    ch.on('close', () => {
      if (this.#channel !== ch) return;
      // Closed by the broker (a channel error) rather than by us: come back after a backoff.
      this.#dropChannel();
      this.#scheduleReopen(backoffMs(++this.#failures, RETRY_DELAY_MS_MIN, RETRY_DELAY_MS_MAX));
    });
    await ch.assertExchange(exchange, 'topic', { durable: true });
    await ch.assertQueue(this.queue, { durable: true, arguments: { 'x-single-active-consumer': true } });
    for (const pattern of this.sub.patterns) await ch.bindQueue(this.queue, exchange, pattern);
    await ch.prefetch(this.sub.batchSizeMax);
    if (this.#closed || this.#model !== model) {
      await ch.close().catch(() => {});
      return;
    }
    this.#channel = ch;
    await ch.consume(this.queue, (msg) => this.#onMessage(ch, msg), { noAck: false });
  }

  #dropChannel(): void {
    const ch = this.#channel;
    this.#channel = null;
    this.#buffer = [];
    // Closing hands every unacknowledged delivery back to the queue, in order.
    ch?.close().catch(() => {});
  }

  #onMessage(ch: Channel, msg: ConsumeMessage | null): void {
    if (ch !== this.#channel) return; // a stale channel's deliveries come back on the new one
    if (msg === null) {
      this.#fail(ch, new Error('consumer cancelled by RabbitMQ (queue deleted?)'));
      return;
    }
    assert(this.#buffer.length + this.#inFlight < this.sub.batchSizeMax, 'prefetch bounds unacknowledged deliveries');
    this.#buffer.push(msg);
    this.#draining ??= this.#drain(ch).finally(() => {
      this.#draining = null;
    });
  }

  async #drain(ch: Channel): Promise<void> {
    // Let the rest of the socket read arrive first, so that a burst becomes one batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#channel === ch && this.#buffer.length > 0 && !this.#closed) {
      const batch = this.#buffer.splice(0, this.sub.batchSizeMax);
      this.#inFlight = batch.length;
      try {
        await this.#process(ch, batch);
        this.#failures = 0;
      } catch (error) {
        this.#fail(ch, error);
        return;
      } finally {
        this.#inFlight = 0;
      }
    }
  }

  async #process(ch: Channel, batch: readonly ConsumeMessage[]): Promise<void> {
    const { stats, faults } = this.options;
    const events: BusEvent[] = [];
    for (const msg of batch) {
      if (msg.fields.redelivered) stats.redelivered += 1;
      const event = decodeEvent(msg.content);
      if (event) events.push(event);
      else stats.malformed += 1;
    }
    const fresh = await this.sql.begin((tx) => this.#dedupeAndHandle(tx, events));
    stats.duplicatesSkipped += events.length - fresh.length;
    stats.delivered += fresh.length;
    stats.batches += 1;
    const last = batch.at(-1);
    assert(last, 'batches are non-empty');
    await faults.beforeConsumerAck?.(this.sub.consumer, Math.max(0, ...events.map((e) => e.seq)));
    // Everything up to `last` on this channel is this batch or an earlier, acknowledged one.
    ch.ack(last, true);
    this.#batches += 1;
    if (this.#batches % PRUNE_EVERY_BATCHES === 0) await this.#prune();
  }

  /** Records the batch's seqs, hands the new ones to the handler; all in the handler's transaction. */
  async #dedupeAndHandle(tx: postgres.TransactionSql, events: readonly BusEvent[]): Promise<BusEvent[]> {
    if (events.length === 0) return [];
    const consumer = this.sub.consumer;
    const [offset] = await tx<{ last_seq: string }[]>`
      select last_seq from consumer_offsets where consumer = ${consumer} for update`;
    // Below the horizon the processed set has been pruned: such a seq can only be a duplicate.
    const horizon = toSeq(offset?.last_seq) - PROCESSED_RETENTION_SEQS;
    const seqs = [...new Set(events.map((e) => e.seq))].filter((seq) => seq > horizon);
    const inserted = await tx<{ seq: string }[]>`
      insert into consumer_processed_events (consumer, seq)
      select ${consumer}, unnest(${seqs}::bigint[])
      on conflict do nothing returning seq`;
    const fresh = new Set(inserted.map((r) => toSeq(r.seq)));
    const firstOfEach = new Map<number, BusEvent>();
    for (const event of events)
      if (fresh.has(event.seq) && !firstOfEach.has(event.seq)) firstOfEach.set(event.seq, event);
    const handled = [...firstOfEach.values()].sort((a, b) => a.seq - b.seq);
    if (handled.length > 0) await this.sub.handler(handled, tx);
    const maxSeq = Math.max(...events.map((e) => e.seq));
    await tx`
      update consumer_offsets set last_seq = greatest(last_seq, ${maxSeq}), updated_at = now()
      where consumer = ${consumer}`;
    return handled;
  }

  async #prune(): Promise<void> {
    await this.sql`
      delete from consumer_processed_events
      where consumer = ${this.sub.consumer}
        and seq <= (select last_seq from consumer_offsets where consumer = ${this.sub.consumer}) - ${PROCESSED_RETENTION_SEQS}`;
  }

  #fail(ch: Channel, error: unknown): void {
    this.#failures += 1;
    this.options.stats.failures += 1;
    const delayMs = backoffMs(this.#failures, RETRY_DELAY_MS_MIN, RETRY_DELAY_MS_MAX);
    this.options.log.warn({ consumer: this.sub.consumer, err: String(error), delayMs }, 'batch failed; reopening');
    if (this.#channel === ch) this.#dropChannel();
    else ch.close().catch(() => {});
    this.#scheduleReopen(delayMs);
  }

  #scheduleReopen(delayMs: number): void {
    if (this.#closed || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      const model = this.#model;
      if (!model || this.#channel || this.#closed) return; // the link reattaches after a reconnect
      this.#open(model).catch((error: unknown) => {
        this.options.log.warn({ consumer: this.sub.consumer, err: String(error) }, 'reopen failed');
        this.#scheduleReopen(backoffMs(++this.#failures, RETRY_DELAY_MS_MIN, RETRY_DELAY_MS_MAX));
      });
    }, delayMs);
  }
}
