import { randomBytes } from 'node:crypto';
import { type ChannelModel, connect } from 'amqplib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { createTestDatabase } from '../testing/index';
import { consumerQueueName } from './amqp-consumer';
import { relayConsumerName } from './amqp-relay';
import { checkAmqpUrl, createEventBus } from './create-event-bus';
import type { BusEvent } from './event-types';
import type { BusFaults } from './faults';
import { BATCH_SIZE_MAX } from './limits';
import { RabbitMqEventBus } from './rabbitmq-event-bus';
import { createEffectsTable, effects, makeEvents, publish, recordingHandler, waitFor } from './test-support';

const AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

async function reachable(): Promise<boolean> {
  try {
    const model = await connect(AMQP_URL, { timeout: 2_000 });
    await model.close();
    return true;
  } catch {
    return false;
  }
}

const available = await reachable();
if (!available) {
  // The CI machine runs RabbitMQ: there, an unreachable broker is a failure, not a skip.
  if (process.env.CI) throw new Error(`RabbitMQ unreachable at ${AMQP_URL} (CI is set)`);
  console.warn(`\n*** RabbitMQ unreachable at ${AMQP_URL}: the RabbitMQ event bus tests are SKIPPED ***\n`);
}

// No management API here for a vhost per run: names carry a run id and are deleted afterwards.
const exchange = `tw-test-${randomBytes(4).toString('hex')}.events`;
const quiet = { warn: () => {}, error: () => {} };
let h: DbHandle;
const buses: RabbitMqEventBus[] = [];
const consumersUsed = new Set<string>();

function newBus(options: { relay: boolean; faults?: BusFaults }): RabbitMqEventBus {
  const bus = new RabbitMqEventBus({
    sql: h.sql,
    amqpUrl: AMQP_URL,
    exchange,
    pollIntervalMs: 100,
    log: quiet,
    ...options,
  });
  buses.push(bus);
  return bus;
}

async function consumerBus(name: string, seen: BusEvent[], faults: BusFaults = {}, instance = 'a') {
  const bus = newBus({ relay: false, faults });
  consumersUsed.add(name);
  await bus.start();
  await bus.subscribe(name, ['#'], recordingHandler(name, instance, seen), { batchSizeMax: 20 });
  return bus;
}

async function seqRange(count: number): Promise<number[]> {
  const [row] = await h.sql<{ last_seq: string }[]>`select last_seq from outbox_sequence`;
  const last = Number(row?.last_seq ?? 0);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

describe.skipIf(!available)('RabbitMQ event bus (RabbitMQ at 127.0.0.1:5672)', () => {
  beforeAll(async () => {
    h = await createTestDatabase();
    await createEffectsTable(h.sql);
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });
  afterAll(async () => {
    const model = await connect(AMQP_URL);
    const ch = await model.createChannel();
    for (const name of consumersUsed) await ch.deleteQueue(consumerQueueName(exchange, name));
    await ch.deleteExchange(exchange);
    await model.close();
    await h?.close();
  });

  it('delivers every event exactly once to the handler despite redeliveries and a relay restart', async () => {
    const name = 'exactly-once';
    const seen: BusEvent[] = [];
    const batchSizes: number[] = [];
    let handlerFailed = false;
    let ackLost = false;
    const faults: BusFaults = {
      // Committed but never acknowledged: RabbitMQ redelivers the batch; it must be skipped.
      beforeConsumerAck: () => {
        if (!ackLost && seen.length >= 40) {
          ackLost = true;
          throw new Error('connection lost before ack');
        }
      },
    };
    const consumer = newBus({ relay: false, faults });
    consumersUsed.add(name);
    await consumer.start();
    const record = recordingHandler(name, 'a', seen);
    await consumer.subscribe(
      name,
      ['#'],
      async (events, tx) => {
        batchSizes.push(events.length);
        await record(events, tx);
        // Fails after writing: the batch rolls back, comes back from RabbitMQ and runs again.
        if (!handlerFailed && seen.length >= 150) {
          handlerFailed = true;
          throw new Error('handler failed');
        }
      },
      { batchSizeMax: 20 },
    );

    await publish(h.sql, makeEvents(100, 'first'), 25);
    const firstSeqs = await seqRange(100);
    let crashed = false;
    const relay1 = newBus({
      relay: true,
      faults: {
        // The broker confirmed the batch, then the relay "dies" before its offset commits.
        afterRelayConfirm: () => {
          if (crashed) return;
          crashed = true;
          setImmediate(() => void relay1.close());
          throw new Error('relay crashed after confirms');
        },
      },
    });
    await relay1.start();
    await waitFor('the relay to crash', () => crashed);
    await relay1.close();
    expect(relay1.stats().published).toBe(0);

    await publish(h.sql, makeEvents(200, 'second'), 40);
    const allSeqs = [...firstSeqs, ...(await seqRange(200))];
    const relay2 = newBus({ relay: true });
    await relay2.start();
    await waitFor('all 300 events to be handled', async () => (await effects(h.sql, name)).length >= 300, 20_000);
    await waitFor('the consumer to settle', () => consumer.stats().delivered === 300);

    const done = (await effects(h.sql, name)).map((d) => d.seq);
    expect(done).toEqual(allSeqs);
    const stats = consumer.stats();
    expect(ackLost && handlerFailed).toBe(true);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(20);
    expect(stats.redelivered).toBeGreaterThan(0);
    // The relay's first 100 went out twice, and the batch whose ack was lost came back.
    expect(stats.duplicatesSkipped).toBeGreaterThanOrEqual(100 + 1);
    expect(stats.failures).toBeGreaterThanOrEqual(2);
    expect(relay2.stats().published).toBe(300);
    await waitFor('zero lag', async () => (await relay2.lag()).every((l) => l.lagEvents === 0));
    expect(await relay2.lag()).toEqual([{ consumer: relayConsumerName(exchange), lagEvents: 0 }]);
  });

  it('hands a consumer over between two instances mid-stream, in order, processing nothing twice', async () => {
    const name = 'handover';
    const seenA: BusEvent[] = [];
    const seenB: BusEvent[] = [];
    const a = await consumerBus(name, seenA, {}, 'a');
    const b = await consumerBus(name, seenB, {}, 'b');
    const relay = newBus({ relay: true });
    await relay.start();
    await publish(h.sql, makeEvents(150, 'handover'), 10);
    const seqs = await seqRange(150);
    await waitFor('a part of the stream', () => seenA.length + seenB.length >= 40);
    // Single active consumer: one instance works; closing it hands the queue to the other.
    await (seenA.length > 0 ? a : b).close();
    await publish(h.sql, makeEvents(50, 'handover-2'), 10);
    seqs.push(...(await seqRange(50)));
    await waitFor('the whole stream', async () => (await effects(h.sql, name)).length >= 200, 20_000);
    const done = await effects(h.sql, name);
    expect(done.map((d) => d.seq)).toEqual(seqs);
    expect(new Set(done.map((d) => d.instance))).toEqual(new Set(['a', 'b']));
  });

  it('reconnects with backoff after losing its connection, and drops foreign messages without stalling', async () => {
    const name = 'reconnect';
    const seen: BusEvent[] = [];
    const models: ChannelModel[] = [];
    const consumer = await consumerBus(name, seen, { onConnected: (m) => models.push(m) });
    const relay = newBus({ relay: true });
    await relay.start();
    await publish(h.sql, makeEvents(10, 'before'));
    await waitFor('the first events', () => seen.length === 10);
    await models[0]?.close();
    await publish(h.sql, makeEvents(10, 'during'));
    await waitFor('the reconnection', () => consumer.stats().reconnects === 1);
    await waitFor('the events published while disconnected', () => seen.length === 20);
    const foreign = await connect(AMQP_URL);
    const ch = await foreign.createConfirmChannel();
    ch.publish(exchange, 'order.filled', Buffer.from('{"not":"an event"'));
    ch.publish(exchange, 'order.filled', Buffer.from(JSON.stringify({ seq: -1, type: 'order.filled' })));
    await ch.waitForConfirms();
    await foreign.close();
    await publish(h.sql, makeEvents(5, 'after'));
    await waitFor('the events after the foreign ones', () => seen.length === 25);
    expect(consumer.stats().malformed).toBe(2);
    expect(seen.map((e) => e.payload.tag)).toEqual([
      ...Array(10).fill('before'),
      ...Array(10).fill('during'),
      ...Array(5).fill('after'),
    ]);
  });
});

describe('createEventBus', () => {
  it('chooses the bus by AMQP_URL and refuses a malformed one', async () => {
    const sql = (() => {}) as never;
    expect(createEventBus({ sql }).kind).toBe('postgres');
    expect(createEventBus({ sql, amqpUrl: '' }).kind).toBe('postgres');
    expect(createEventBus({ sql, amqpUrl: AMQP_URL }).kind).toBe('rabbitmq');
    expect(() => checkAmqpUrl('http://127.0.0.1:5672')).toThrow(expect.objectContaining({ code: 'BUS_AMQP_URL' }));
    expect(() => checkAmqpUrl('not a url')).toThrow(expect.objectContaining({ code: 'BUS_AMQP_URL' }));
    const bus = createEventBus({ sql, amqpUrl: AMQP_URL });
    const handler = async () => {};
    await expect(bus.subscribe('x', ['#'], handler, { batchSizeMax: BATCH_SIZE_MAX + 1 })).rejects.toMatchObject({
      code: 'BUS_BATCH_SIZE',
    });
  });
});
