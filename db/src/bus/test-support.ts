import type postgres from 'postgres';
import type { EventHandler } from './event-bus';
import { BUS_EVENT_TYPES, type BusEvent, type NewBusEvent } from './event-types';
import { appendToOutbox } from './outbox';

/** Waits for `condition` by polling it every few ms, failing after `timeoutMs` (no fixed sleeps in tests). */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** `count` events cycling through every type, tagged with `tag` and their index in the payload. */
export function makeEvents(count: number, tag: string, start = 0): NewBusEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: BUS_EVENT_TYPES[(start + i) % BUS_EVENT_TYPES.length] ?? 'order.accepted',
    userId: `user-${(start + i) % 3}`,
    accountId: null,
    occurredAtMs: 1_790_000_000_000 + start + i,
    payload: { tag, index: start + i, qtyLots: String(start + i) },
  }));
}

/** Appends events in transactions of `perTx`, as core's group commit would. */
export async function publish(sql: postgres.Sql, events: readonly NewBusEvent[], perTx = events.length): Promise<void> {
  for (let i = 0; i < events.length; i += perTx) {
    await sql.begin((tx) => appendToOutbox(tx, events.slice(i, i + perTx)));
  }
}

/** A table where test handlers record what they processed, inside the batch's transaction. */
export async function createEffectsTable(sql: postgres.Sql): Promise<void> {
  await sql`create table if not exists bus_test_effects (id bigserial primary key, consumer text not null, instance text not null, seq bigint not null)`;
}

/** A handler that records each event in bus_test_effects within the consumer's transaction. */
export function recordingHandler(consumer: string, instance: string, seen: BusEvent[] = []): EventHandler {
  return async (events, tx) => {
    await tx`insert into bus_test_effects (consumer, instance, seq) select ${consumer}, ${instance}, unnest(${events.map((e) => e.seq)}::bigint[])`;
    seen.push(...events);
  };
}

export async function effects(sql: postgres.Sql, consumer: string): Promise<{ seq: number; instance: string }[]> {
  const rows = await sql<{ seq: string; instance: string }[]>`
    select seq, instance from bus_test_effects where consumer = ${consumer} order by id`;
  return rows.map((r) => ({ seq: Number(r.seq), instance: r.instance }));
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
