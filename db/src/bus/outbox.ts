import { assert } from '@tradewind/shared/util';
import type postgres from 'postgres';
import { packColumn, packColumnOf } from '../packed-column';
import { type BusEvent, isBusEventType, type JsonObject, type NewBusEvent } from './event-types';
import { APPEND_EVENTS_MAX, EVENT_PAYLOAD_BYTES_MAX } from './limits';

/** The channel appendToOutbox notifies; PostgreSQL delivers it at commit, never on rollback. */
export const OUTBOX_CHANNEL = 'tradewind_outbox';

const ID_LENGTH_MAX = 100;

export type OutboxRange = { readonly firstSeq: number; readonly lastSeq: number };

/**
 * Appends events to the outbox inside the caller's transaction (core calls it in the
 * transaction that projects its journal), assigns their seqs, and queues a NOTIFY that
 * PostgreSQL sends only if the transaction commits. Events are checked before anything is
 * written: a malformed event is a bug in the publisher and fails the transaction.
 *
 * Holds the `outbox_sequence` row lock until the caller commits: appending transactions
 * commit one after another, which is what makes seqs gap-free and visible in order.
 */
export function appendToOutbox(
  tx: postgres.TransactionSql,
  events: readonly NewBusEvent[],
): Promise<OutboxRange | null> {
  return writeOutbox(tx, events, true);
}

/** appendToOutbox without the NOTIFY: what a lost notification looks like (tests use it). */
export function insertOutboxRows(
  tx: postgres.TransactionSql,
  events: readonly NewBusEvent[],
): Promise<OutboxRange | null> {
  return writeOutbox(tx, events, false);
}

/**
 * One statement, one round trip: take the seqs from `outbox_sequence` (its row lock), insert
 * the rows, queue the NOTIFY. Each column is one packed text parameter (packColumn), split by
 * PostgreSQL: no parameter cap, and ~3× cheaper than text[] parameters for JSON payloads.
 */
async function writeOutbox(
  tx: postgres.TransactionSql,
  events: readonly NewBusEvent[],
  notify: boolean,
): Promise<OutboxRange | null> {
  assert(events.length <= APPEND_EVENTS_MAX, `at most ${APPEND_EVENTS_MAX} events per append, got ${events.length}`);
  if (events.length === 0) return null;
  const payloads = events.map(serialiseChecked);
  const n = events.length;
  const [row] = await tx<{ last_seq: string }[]>`
    with taken as (
      insert into outbox_sequence (id, last_seq) values (1, ${n})
      on conflict (id) do update set last_seq = outbox_sequence.last_seq + excluded.last_seq
      returning last_seq
    ), written as (
      insert into outbox (seq, type, user_id, account_id, occurred_at, payload)
      select (select last_seq from taken) - ${n}::bigint + t.ord, t.type, t.user_id, t.account_id,
             'epoch'::timestamptz + t.ms * interval '1 millisecond', t.payload::json
      from unnest(
        (string_to_array(${packColumnOf(events, (e) => e.type)}, chr(30), chr(31)))[2:],
        (string_to_array(${packColumnOf(events, (e) => e.userId)}, chr(30), chr(31)))[2:],
        (string_to_array(${packColumnOf(events, (e) => e.accountId)}, chr(30), chr(31)))[2:],
        (string_to_array(${packColumnOf(events, (e) => e.occurredAtMs)}, chr(30), chr(31)))[2:]::bigint[],
        (string_to_array(${packColumn(payloads)}, chr(30), chr(31)))[2:]
      ) with ordinality as t(type, user_id, account_id, ms, payload, ord)
    )
    select last_seq::text, (select pg_notify(${OUTBOX_CHANNEL}, last_seq::text) where ${notify}::boolean) as notified
    from taken`;
  const lastSeq = toSeq(row?.last_seq);
  return { firstSeq: lastSeq - n + 1, lastSeq };
}

function serialiseChecked(event: NewBusEvent): string {
  if (!isBusEventType(event.type)) assert(false, `unknown event type ${String(event.type)}`);
  assert(Number.isSafeInteger(event.occurredAtMs) && event.occurredAtMs >= 0, 'occurredAtMs is epoch ms');
  assert(isShortId(event.userId) && isShortId(event.accountId), 'ids are short strings');
  assert(typeof event.payload === 'object' && event.payload !== null && !Array.isArray(event.payload), 'payload');
  let json: string;
  try {
    json = JSON.stringify(event.payload);
  } catch (cause) {
    throw new Error(`event payload is not JSON (bigints travel as decimal strings): ${String(cause)}`);
  }
  // jsonb (and any consumer turning the payload into jsonb) refuses NUL in strings; failing here keeps the error next to its cause.
  assert(!json.includes('\\u0000'), 'payload strings must not contain NUL');
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only a payload that long can be over the limit.
  assert(
    json.length * 3 <= EVENT_PAYLOAD_BYTES_MAX || Buffer.byteLength(json) <= EVENT_PAYLOAD_BYTES_MAX,
    `payload over ${EVENT_PAYLOAD_BYTES_MAX} bytes`,
  );
  return json;
}

const isShortId = (id: string | null | undefined): boolean =>
  id == null || (typeof id === 'string' && id.length <= ID_LENGTH_MAX);

type OutboxRow = {
  seq: string;
  type: string;
  user_id: string | null;
  account_id: string | null;
  occurred_at_ms: string;
  payload: JsonObject;
};

/** The events after `afterSeq`, in seq order, at most `limit`. */
export async function readOutbox(sql: postgres.Sql | postgres.TransactionSql, afterSeq: number, limit: number) {
  const rows = await sql<OutboxRow[]>`
    select seq, type, user_id, account_id, (extract(epoch from occurred_at) * 1000)::bigint as occurred_at_ms, payload
    from outbox where seq > ${afterSeq} order by seq limit ${limit}`;
  return rows.map(toEvent);
}

function toEvent(row: OutboxRow): BusEvent {
  assert(isBusEventType(row.type), `outbox holds an unknown event type ${row.type}`);
  return {
    seq: toSeq(row.seq),
    type: row.type,
    userId: row.user_id,
    accountId: row.account_id,
    occurredAtMs: toSeq(row.occurred_at_ms),
    payload: row.payload,
  };
}

/** The last seq handed out (0 before the first event). */
export async function outboxHeadSeq(sql: postgres.Sql | postgres.TransactionSql): Promise<number> {
  const [row] = await sql<{ last_seq: string }[]>`select last_seq from outbox_sequence where id = 1`;
  return row ? toSeq(row.last_seq) : 0;
}

/** bigint columns arrive as strings; seqs stay far below 2^53 (285 years at a million a second). */
export function toSeq(value: string | number | undefined): number {
  const n = Number(value);
  assert(Number.isSafeInteger(n) && n >= 0, `not a seq: ${String(value)}`);
  return n;
}
