import { assert } from '@tradewind/shared/util';
import type postgres from 'postgres';
import { toSeq } from './outbox';

type Sqlish = postgres.Sql | postgres.TransactionSql;

/**
 * Registers a consumer, if it is new, and returns its offset. A consumer starts at the head
 * of the outbox: it receives the events committed after it first subscribed (a RabbitMQ
 * queue cannot hold messages from before it existed either, so both buses mean the same).
 * The relay starts at the earliest event still in the outbox: it must not skip any event
 * that a queue bound before the relay's first run is waiting for.
 */
export async function registerConsumer(
  sql: Sqlish,
  consumer: string,
  startAt: 'head' | 'earliest' = 'head',
): Promise<number> {
  const start =
    startAt === 'head'
      ? sql`coalesce((select last_seq from outbox_sequence where id = 1), 0)`
      : sql`coalesce((select min(seq) - 1 from outbox), (select last_seq from outbox_sequence where id = 1), 0)`;
  await sql`
    insert into consumer_offsets (consumer, last_seq) select ${consumer}, ${start}
    on conflict (consumer) do nothing`;
  const [row] = await sql<{ last_seq: string }[]>`select last_seq from consumer_offsets where consumer = ${consumer}`;
  return toSeq(row?.last_seq);
}

/**
 * Takes the consumer's offset row lock for this transaction, or returns null if another
 * instance of the same consumer holds it (it is mid-batch; it will also take what follows).
 */
export async function lockOffset(tx: postgres.TransactionSql, consumer: string): Promise<number | null> {
  const [row] = await tx<{ last_seq: string }[]>`
    select last_seq from consumer_offsets where consumer = ${consumer} for update skip locked`;
  return row ? toSeq(row.last_seq) : null;
}

export async function advanceOffset(tx: postgres.TransactionSql, consumer: string, lastSeq: number): Promise<void> {
  const result = await tx`
    update consumer_offsets set last_seq = ${lastSeq}, updated_at = now()
    where consumer = ${consumer} and last_seq < ${lastSeq}`;
  assert(result.count === 1, `offset of ${consumer} must move forward to ${lastSeq}`);
}

/** head − offset per named consumer: how many events each still has to go through. */
export async function offsetLags(sql: Sqlish, consumers: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql<{ consumer: string; lag: string }[]>`
    select c.consumer, greatest(coalesce(s.last_seq, 0) - c.last_seq, 0) as lag
    from consumer_offsets c left join outbox_sequence s on s.id = 1
    where c.consumer = any(${consumers as string[]}::text[])`;
  return new Map(rows.map((r) => [r.consumer, toSeq(r.lag)]));
}
