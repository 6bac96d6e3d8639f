import { packColumnOf, type Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import type { ProjectionBatch } from './projection';
import { projectionQueries } from './projection';

/** One journalled command: its gap-free sequence number, engine time and encoded form. */
/** `tag`: the live-strategy deployment that sent the command (re-projection tags its orders with it). */
export type JournalRow = {
  readonly seq: bigint;
  readonly timeMs: number;
  readonly command: string;
  readonly tag?: string | undefined;
};
export type SnapshotRow = { readonly seq: bigint; readonly stateHash: string; readonly snapshot: string };

/** Commands read per query during replay (bounds memory while recovering a long journal). */
export const REPLAY_PAGE_ROWS = 20_000;

/** Seam for the event bus (db/src/bus, `appendToOutbox(tx, events)`): called inside the projection transaction. */
export type OutboxAppend = (tx: Sql, batch: ProjectionBatch) => Promise<void>;

/**
 * Writes one batch of commands (consecutive seqs) in one transaction: a single INSERT whose
 * three parameters are the first seq, the times and the commands, each column packed into one
 * text parameter (packColumnOf) and split by PostgreSQL. Cheaper on both sides than text[]
 * arrays, whose serialiser escapes every quote of every JSON command. Resolves once it committed.
 */
export async function appendCommands(sql: Sql, rows: readonly JournalRow[]): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  let expected = first.seq;
  for (let i = 0; i < rows.length; i += 1) {
    if ((rows[i] as JournalRow).seq !== expected) assert(false, `journal batch seq gap at ${expected}`);
    expected += 1n;
  }
  const times = packColumnOf(rows, (r) => r.timeMs);
  const commands = packColumnOf(rows, (r) => r.command);
  const tags = packColumnOf(rows, (r) => r.tag);
  // One statement outside BEGIN … COMMIT: its own transaction (atomic), committed at its Sync in
  // one round trip. On a lost connection nothing is left to roll back (postgres.js's `begin` would
  // write a ROLLBACK into the closed socket and throw an uncaught TypeError from a timer).
  await sql`insert into journal_commands (seq, time_ms, command, tag)
    select ${first.seq.toString()}::bigint + t.ord - 1, t.ms, t.command, t.tag
    from unnest((string_to_array(${times}, chr(30)))[2:]::bigint[], (string_to_array(${commands}, chr(30)))[2:],
      (string_to_array(${tags}, chr(30), chr(31)))[2:])
      with ordinality as t(ms, command, tag, ord)`;
}

/** The last journal seq whose projection (query tables, outbox) is written. */
export async function readProjectedSeq(sql: Sql): Promise<bigint> {
  const rows = await sql<{ seq: string }[]>`select seq::text from journal_projection where id = 1`;
  return BigInt(rows[0]?.seq ?? '0');
}

/**
 * One projection transaction: the query tables, the outbox and the watermark, which must move
 * from `fromSeq` to `toSeq` (anything else means another writer or a lost update: the
 * transaction rolls back). Exactly-once: the rows and the watermark commit together.
 *
 * Committed with `synchronous_commit = off`: the projection is not where durability lives (the
 * journal is, committed synchronously before any ack), so it need not wait for a WAL flush of
 * its own — a second fsync per journal commit would halve what the disk allows. Its rows are
 * visible at COMMIT; a crash can lose only the newest such transactions, atomically with their
 * watermark, and recovery projects them again identically (same outbox seqs). WAL is flushed in
 * order, so any synchronous commit after it (the next journal batch, a bus consumer's offset)
 * makes it durable too: nothing that depended on it can outlive it.
 */
export async function appendProjection(
  sql: Sql,
  projection: ProjectionBatch,
  range: { readonly fromSeq: bigint; readonly toSeq: bigint },
  outbox: OutboxAppend | undefined,
): Promise<void> {
  await sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const relaxed = t`set local synchronous_commit = off`;
    const moved = t<{ seq: string }[]>`update journal_projection set seq = ${range.toSeq.toString()}::bigint
      where id = 1 and seq = ${range.fromSeq.toString()}::bigint returning seq`;
    const queries: Promise<unknown>[] = [relaxed, moved, ...projectionQueries(t, projection)];
    if (outbox !== undefined) queries.push(outbox(t, projection));
    await Promise.all(queries);
    assert((await moved).length === 1, `projection watermark is not at ${range.fromSeq}`);
  });
}

export async function latestSnapshot(sql: Sql): Promise<SnapshotRow | undefined> {
  const rows = await sql<{ seq: string; state_hash: string; snapshot: string }[]>`
    select seq::text, state_hash, snapshot from journal_snapshots order by journal_snapshots.seq desc limit 1`;
  const r = rows[0];
  return r === undefined ? undefined : { seq: BigInt(r.seq), stateHash: r.state_hash, snapshot: r.snapshot };
}

export async function readCommands(sql: Sql, afterSeq: bigint, limit: number): Promise<JournalRow[]> {
  const rows = await sql<{ seq: string; time_ms: string; command: string; tag: string | null }[]>`
    select seq::text, time_ms::text, command, tag from journal_commands
    where seq > ${afterSeq.toString()}::bigint order by journal_commands.seq limit ${limit}`;
  return rows.map((r) => ({
    seq: BigInt(r.seq),
    timeMs: Number(r.time_ms),
    command: r.command,
    tag: r.tag ?? undefined,
  }));
}

/** Keeps the newest snapshots only; commands stay (the journal is the audit trail). */
export const SNAPSHOTS_KEPT = 3;

export async function writeSnapshot(sql: Sql, row: SnapshotRow): Promise<void> {
  await sql`insert into journal_snapshots (seq, state_hash, snapshot)
    values (${row.seq.toString()}::bigint, ${row.stateHash}, ${row.snapshot}) on conflict (seq) do nothing`;
  await sql`delete from journal_snapshots where seq < (
    select min(seq) from (select seq from journal_snapshots order by seq desc limit ${SNAPSHOTS_KEPT}) s)`;
}

/** Polls of pg_stat_activity (20 ms apart) while terminated backends exit. */
const FENCE_POLLS_MAX = 250;

/**
 * Terminates every backend whose application_name is `appName` (the journal's own connection)
 * and waits until none is left, so that a batch sent on a connection that was lost can no longer
 * commit: after this, the journal holds every batch that ever will. Throws if one outlives the wait.
 */
export async function fenceConnections(sql: Sql, appName: string): Promise<void> {
  for (let poll = 0; poll < FENCE_POLLS_MAX; poll += 1) {
    const alive = await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = ${appName} and pid <> pg_backend_pid()`;
    if (alive.length === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`backends of ${appName} still alive after termination`);
}
