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
  if (rows.length === 0) return;
  const text = rows.map((r) => r.map((v) => (v === null ? '\\N' : String(v))).join('\t')).join('\n');
  const stream = await sql.unsafe(`copy ${target.table} (${target.columns.join(', ')}) from stdin`).writable();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new CopyTimeoutError(`COPY into ${target.table} did not settle`)), settleMsMax);
      stream.once('error', reject);
      stream.once('finish', resolve);
      stream.end(`${text}\n`);
    });
  } finally {
    clearTimeout(timer);
  }
}
