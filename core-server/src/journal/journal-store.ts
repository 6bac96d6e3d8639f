import type { Sql } from '@tradewind/db';
import type { ProjectionBatch } from './projection';
import { projectionQueries } from './projection';

/** One journalled command: its gap-free sequence number, engine time and encoded form. */
export type JournalRow = { readonly seq: bigint; readonly timeMs: number; readonly command: string };
export type SnapshotRow = { readonly seq: bigint; readonly stateHash: string; readonly snapshot: string };

/** Commands read per query during replay (bounds memory while recovering a long journal). */
export const REPLAY_PAGE_ROWS = 20_000;

/** Seam for the event bus (db/src/bus, `appendToOutbox(tx, events)`): called inside the commit transaction. */
export type OutboxAppend = (tx: Sql, batch: ProjectionBatch) => Promise<void>;

/**
 * The journal's SQL. One batch = one transaction: the commands (one INSERT of unnest'ed
 * arrays: 3 parameters whatever the batch size), the query-table projection and the outbox.
 */
export async function appendBatch(
  sql: Sql,
  rows: readonly JournalRow[],
  projection: ProjectionBatch,
  outbox: OutboxAppend | undefined,
): Promise<void> {
  const seqs = rows.map((r) => r.seq.toString());
  const times = rows.map((r) => r.timeMs);
  const commands = rows.map((r) => r.command);
  // Statements returned as an array are pipelined by postgres.js: BEGIN … COMMIT in one round trip.
  await sql.begin((tx) => {
    const t = tx as unknown as Sql;
    const queries: Promise<unknown>[] = [
      t`insert into journal_commands (seq, time_ms, command)
        select * from unnest(${seqs}::bigint[], ${times}::bigint[], ${commands}::text[])`,
      ...projectionQueries(t, projection),
    ];
    if (outbox !== undefined) queries.push(outbox(t, projection));
    return queries;
  });
}

export async function latestSnapshot(sql: Sql): Promise<SnapshotRow | undefined> {
  const rows = await sql<{ seq: string; state_hash: string; snapshot: string }[]>`
    select seq::text, state_hash, snapshot from journal_snapshots order by journal_snapshots.seq desc limit 1`;
  const r = rows[0];
  return r === undefined ? undefined : { seq: BigInt(r.seq), stateHash: r.state_hash, snapshot: r.snapshot };
}

export async function readCommands(sql: Sql, afterSeq: bigint, limit: number): Promise<JournalRow[]> {
  const rows = await sql<{ seq: string; time_ms: string; command: string }[]>`
    select seq::text, time_ms::text, command from journal_commands
    where seq > ${afterSeq.toString()}::bigint order by journal_commands.seq limit ${limit}`;
  return rows.map((r) => ({ seq: BigInt(r.seq), timeMs: Number(r.time_ms), command: r.command }));
}

/** Keeps the newest snapshots only; commands stay (the journal is the audit trail). */
export const SNAPSHOTS_KEPT = 3;

export async function writeSnapshot(sql: Sql, row: SnapshotRow): Promise<void> {
  await sql`insert into journal_snapshots (seq, state_hash, snapshot)
    values (${row.seq.toString()}::bigint, ${row.stateHash}, ${row.snapshot}) on conflict (seq) do nothing`;
  await sql`delete from journal_snapshots where seq < (
    select min(seq) from (select seq from journal_snapshots order by seq desc limit ${SNAPSHOTS_KEPT}) s)`;
}
