import { AssertionError } from '@tradewind/shared/util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { createTestDatabase } from '../testing/index';
import { EventBusError } from './errors';
import type { BusEvent } from './event-types';
import { APPEND_EVENTS_MAX, BATCH_SIZE_MAX } from './limits';
import { appendToOutbox, insertOutboxRows } from './outbox';
import { PostgresEventBus } from './postgres-event-bus';
import { createEffectsTable, effects, makeEvents, publish, range, recordingHandler, waitFor } from './test-support';

let h: DbHandle;
const buses: PostgresEventBus[] = [];
const quiet = { warn: () => {}, error: () => {} };

function newBus(pollIntervalMs = 200): PostgresEventBus {
  const bus = new PostgresEventBus({ sql: h.sql, pollIntervalMs, log: quiet });
  buses.push(bus);
  return bus;
}

beforeAll(async () => {
  h = await createTestDatabase();
  await createEffectsTable(h.sql);
});
afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
});
afterAll(() => h.close());

describe('PostgreSQL event bus', () => {
  it('never delivers events whose transaction rolled back', async () => {
    const bus = newBus();
    const seen: BusEvent[] = [];
    await bus.subscribe('rollback', ['#'], recordingHandler('rollback', 'a', seen));
    await bus.start();
    await expect(
      h.sql.begin(async (tx) => {
        await appendToOutbox(tx, makeEvents(3, 'rolled-back'));
        throw new Error('command failed to journal');
      }),
    ).rejects.toThrow('command failed to journal');
    await publish(h.sql, makeEvents(2, 'committed'));
    await waitFor('the committed events', () => seen.length === 2);
    expect(seen.map((e) => e.payload.tag)).toEqual(['committed', 'committed']);
    // The rolled-back transaction gave its seqs back: no gap for readers to trip on.
    expect(seen[1]?.seq).toBe((seen[0]?.seq ?? 0) + 1);
  });

  it('delivers in seq order, round-trips events, and filters by pattern', async () => {
    const bus = newBus();
    const all: BusEvent[] = [];
    const fills: BusEvent[] = [];
    await bus.subscribe('order-all', ['#'], recordingHandler('order-all', 'a', all), { batchSizeMax: 17 });
    await bus.subscribe('order-fills', ['order.filled', 'margin.*'], recordingHandler('order-fills', 'a', fills));
    await bus.start();
    const sent = makeEvents(260, 'order');
    await publish(h.sql, sent, 40);
    await waitFor('every event', () => all.length === 260);
    const first = all[0]?.seq ?? 0;
    expect(all.map((e) => e.seq)).toEqual(range(first, first + 259));
    expect(all[5]).toEqual({ seq: first + 5, ...sent[5], accountId: null });
    const wanted = all.filter((e) => ['order.filled', 'margin.call', 'margin.liquidation'].includes(e.type));
    await waitFor('the filtered events', () => fills.length === wanted.length);
    expect(fills).toEqual(wanted);
  });

  it('resumes after a restart from the last processed event, processing nothing twice', async () => {
    const name = 'restart';
    const first = newBus();
    let failOnce = true;
    const flaky = recordingHandler(name, 'first');
    await first.subscribe(
      name,
      ['#'],
      async (events, tx) => {
        await flaky(events, tx);
        // A crash mid-batch after writing: the batch's writes roll back with its offset.
        if (failOnce && events.some((e) => e.payload.index === 55)) {
          failOnce = false;
          throw new Error('handler crashed');
        }
      },
      { batchSizeMax: 10 },
    );
    await first.start();
    await publish(h.sql, makeEvents(200, 'restart'), 25);
    await waitFor('a third of the stream', async () => (await effects(h.sql, name)).length >= 70);
    await first.close();
    expect(first.stats().failures).toBe(1);
    const second = newBus();
    await second.subscribe(name, ['#'], recordingHandler(name, 'second'), { batchSizeMax: 10 });
    await second.start();
    await waitFor('the rest of the stream', async () => (await effects(h.sql, name)).length >= 200);
    const done = await effects(h.sql, name);
    expect(done).toHaveLength(200);
    const seqs = done.map((d) => d.seq);
    expect(seqs).toEqual(range(seqs[0] ?? 0, (seqs[0] ?? 0) + 199));
    expect(done.some((d) => d.instance === 'second')).toBe(true);
  });

  it('splits a stream between two instances of one consumer without processing anything twice', async () => {
    const name = 'pair';
    const [a, b] = [newBus(), newBus()];
    const seenA: BusEvent[] = [];
    const seenB: BusEvent[] = [];
    await a.subscribe(name, ['#'], recordingHandler(name, 'a', seenA), { batchSizeMax: 7 });
    await b.subscribe(name, ['#'], recordingHandler(name, 'b', seenB), { batchSizeMax: 7 });
    await Promise.all([a.start(), b.start()]);
    await Promise.all([publish(h.sql, makeEvents(300, 'pair'), 10), publish(h.sql, makeEvents(300, 'pair2'), 30)]);
    await waitFor('all 600 events', async () => (await effects(h.sql, name)).length >= 600);
    const done = await effects(h.sql, name);
    expect(done).toHaveLength(600);
    expect(new Set(done.map((d) => d.seq)).size).toBe(600);
    // Taking turns on the offset row keeps the global order too.
    const seqs = done.map((d) => d.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(seenA.length + seenB.length).toBe(600);
  });

  it('recovers a missed NOTIFY by polling', async () => {
    const bus = newBus(40);
    const seen: BusEvent[] = [];
    await bus.subscribe('missed', ['#'], recordingHandler('missed', 'a', seen));
    await bus.start();
    await publish(h.sql, makeEvents(1, 'warm-up'));
    await waitFor('the warm-up event', () => seen.length === 1);
    const notifiesBefore = bus.stats().wakeupsByNotify;
    // Written without NOTIFY: all that can find it is the poll.
    await h.sql.begin((tx) => insertOutboxRows(tx, makeEvents(3, 'silent')));
    await waitFor('the silent events', () => seen.length === 4);
    expect(seen.slice(1).map((e) => e.payload.tag)).toEqual(['silent', 'silent', 'silent']);
    expect(bus.stats().wakeupsByNotify).toBe(notifiesBefore);
    expect(bus.stats().wakeupsByPoll).toBeGreaterThan(0);
  });

  it(`takes batches of at most batchSizeMax, accepting ${BATCH_SIZE_MAX} and refusing one past`, async () => {
    const bus = newBus();
    const sizes: number[] = [];
    const big = recordingHandler('batches', 'a');
    await expect(bus.subscribe('too-big', ['#'], big, { batchSizeMax: BATCH_SIZE_MAX + 1 })).rejects.toMatchObject({
      code: 'BUS_BATCH_SIZE',
    });
    await expect(bus.subscribe('zero', ['#'], big, { batchSizeMax: 0 })).rejects.toBeInstanceOf(EventBusError);
    const registered = await h.sql`select 1 from consumer_offsets where consumer in ('too-big', 'zero')`;
    expect(registered).toHaveLength(0);
    await bus.subscribe(
      'batches',
      ['#'],
      async (events, tx) => {
        sizes.push(events.length);
        await big(events, tx);
      },
      { batchSizeMax: BATCH_SIZE_MAX },
    );
    // Published before start: the first pass finds a full backlog.
    await publish(h.sql, makeEvents(2 * BATCH_SIZE_MAX + 1, 'batches'));
    await bus.start();
    await waitFor('the backlog', () => bus.stats().delivered === 2 * BATCH_SIZE_MAX + 1);
    expect(sizes).toEqual([BATCH_SIZE_MAX, BATCH_SIZE_MAX, 1]);
    expect(await bus.lag()).toEqual([{ consumer: 'batches', lagEvents: 0 }]);
  });

  it('refuses bad consumer names, bad patterns and a second subscription of one name', async () => {
    const bus = newBus();
    const handler = recordingHandler('x', 'a');
    await expect(bus.subscribe('Bad Name', ['#'], handler)).rejects.toMatchObject({ code: 'BUS_CONSUMER_NAME' });
    await expect(bus.subscribe('ok', ['order.'], handler)).rejects.toMatchObject({ code: 'BUS_PATTERNS' });
    await bus.subscribe('twice', ['#'], handler);
    await expect(bus.subscribe('twice', ['#'], handler)).rejects.toMatchObject({ code: 'BUS_CONSUMER_DUPLICATE' });
    await bus.close();
    await expect(bus.subscribe('late', ['#'], handler)).rejects.toMatchObject({ code: 'BUS_CLOSED' });
  });
});

describe('appendToOutbox', () => {
  it('checks every event before writing anything', async () => {
    const before = await h.sql`select count(*)::int as n from outbox`;
    const good = makeEvents(2, 'check');
    const bad = [
      { ...good[0], type: 'order.exploded' },
      { ...good[0], occurredAtMs: -1 },
      { ...good[0], payload: { qty: 10n } },
      { ...good[0], payload: { note: 'nul\u0000' } },
    ];
    for (const event of bad) {
      await expect(
        // biome-ignore lint/suspicious/noExplicitAny: malformed on purpose
        h.sql.begin((tx) => appendToOutbox(tx, [good[1] as any, event as any])),
      ).rejects.toThrow();
    }
    const after = await h.sql`select count(*)::int as n from outbox`;
    expect(after[0]?.n).toBe(before[0]?.n);
    await expect(h.sql.begin((tx) => appendToOutbox(tx, []))).resolves.toBeNull();
  });

  it(`appends ${APPEND_EVENTS_MAX} events in one call and refuses one more, writing nothing`, async () => {
    const at = makeEvents(APPEND_EVENTS_MAX, 'append-limit');
    const range = await h.sql.begin((tx) => appendToOutbox(tx, at));
    expect(range && range.lastSeq - range.firstSeq + 1).toBe(APPEND_EVENTS_MAX);
    const past = makeEvents(APPEND_EVENTS_MAX + 1, 'append-past');
    await expect(h.sql.begin((tx) => appendToOutbox(tx, past))).rejects.toBeInstanceOf(AssertionError);
    const [row] = await h.sql`select count(*)::int as n from outbox where payload->>'tag' = 'append-past'`;
    expect(row?.n).toBe(0);
    const [head] = await h.sql`select last_seq from outbox_sequence`;
    expect(Number(head?.last_seq)).toBe(range?.lastSeq);
  });

  it('accepts a payload at the size limit and refuses one byte past it', async () => {
    const { EVENT_PAYLOAD_BYTES_MAX } = await import('./limits');
    const envelope = JSON.stringify({ pad: '' }).length;
    const at = { ...makeEvents(1, 'x')[0], payload: { pad: 'p'.repeat(EVENT_PAYLOAD_BYTES_MAX - envelope) } };
    const past = { ...at, payload: { pad: 'p'.repeat(EVENT_PAYLOAD_BYTES_MAX - envelope + 1) } };
    // biome-ignore lint/suspicious/noExplicitAny: built from a valid event
    await expect(h.sql.begin((tx) => appendToOutbox(tx, [at as any]))).resolves.not.toBeNull();
    // biome-ignore lint/suspicious/noExplicitAny: built from a valid event
    await expect(h.sql.begin((tx) => appendToOutbox(tx, [past as any]))).rejects.toBeInstanceOf(AssertionError);
  });
});
