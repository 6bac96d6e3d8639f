import { once } from 'node:events';
import type { Sql } from '@tradewind/db';

/** A value of COPY's text format: `\N` for null; numbers and our fixed strings need no escaping. */
export type CopyValue = string | number | null;

/** Tables and columns COPY may name: fixed identifiers of our schema, never input. */
export type CopyTarget = { readonly table: string; readonly columns: readonly string[] };

/** Longest a COPY may take to settle before it counts as failed (see `copyRows`). */
export const COPY_SETTLE_MS_MAX = 30_000;

export class CopyTimeoutError extends Error {
  override name = 'CopyTimeoutError';
}

/**
 * Writes rows with one `COPY … FROM STDIN` (text format): one round trip and no per-row
 * statement, the cheapest way into PostgreSQL. Values must be free of tabs, newlines and
 * backslashes, which holds for numbers, ISO timestamps and our symbols/enums (asserted by type
 * at the callers). Resolves once the server has taken every row.
 *
 * postgres.js 3.4.9 never settles the stream when the server rejects a COPY after its end
 * (porsager/postgres#1173: the final callback is dropped on the error path), so the wait is
 * bounded: past `settleMsMax` the COPY counts as failed. A COPY is atomic, so its rows are then
 * retried; callers validate rows first so that the server has nothing to reject.
 */
export async function copyRows(
  sql: Sql,
  target: CopyTarget,
  rows: readonly (readonly CopyValue[])[],
  settleMsMax = COPY_SETTLE_MS_MAX,
): Promise<void> {
  const line = (i: number) => (rows[i] ?? []).map((v) => (v === null ? '\\N' : String(v))).join('\t');
  return copyEncoded(sql, target, rows.length, line, settleMsMax);
}

/** Rows encoded per stream write: large enough to amortise a write, small enough to stream. */
const ROWS_PER_WRITE = 2_000;

/**
 * Like `copyRows`, encoding row `i` as one line of COPY's text format (no newline) just before
 * it is written: PostgreSQL parses and inserts the first chunks while later ones are encoded.
 * Honours the socket's backpressure.
 */
export async function copyEncoded(
  sql: Sql,
  target: CopyTarget,
  count: number,
  line: (i: number) => string,
  settleMsMax = COPY_SETTLE_MS_MAX,
): Promise<void> {
  if (count === 0) return;
  const stream = await sql.unsafe(`copy ${target.table} (${target.columns.join(', ')}) from stdin`).writable();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new CopyTimeoutError(`COPY into ${target.table} did not settle`)), settleMsMax);
    stream.once('error', reject);
    stream.once('finish', resolve);
  });
  try {
    for (let i = 0; i < count; i += ROWS_PER_WRITE) {
      let chunk = '';
      for (let j = i; j < Math.min(count, i + ROWS_PER_WRITE); j++) chunk += `${line(j)}\n`;
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), settled]);
    }
    stream.end();
    await settled;
  } finally {
    clearTimeout(timer);
  }
}
