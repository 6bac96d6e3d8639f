import { once } from 'node:events';
import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';

/** Tables and columns COPY may name: fixed identifiers of our schema, never input. */
export type CopyTarget = { readonly table: string; readonly columns: readonly string[] };

/** Longest a COPY may take to settle before it counts as failed (see `copyBinary`). */
export const COPY_SETTLE_MS_MAX = 30_000;

export class CopyTimeoutError extends Error {
  override name = 'CopyTimeoutError';
}

/**
 * One row of COPY's binary format (PostgreSQL manual, "COPY", Binary Format): per row the field
 * count, then per field its byte length (−1: NULL) and its bytes in network order. PostgreSQL
 * then parses no text: no timestamps from ISO strings, no integers from digits, which is most of
 * a text COPY's server time. Values must be safe integers (int8) and epoch milliseconds.
 */
export class CopyRowWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(bytes: number) {
    this.buf = Buffer.allocUnsafe(bytes);
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): void {
    this.room(2);
    this.buf.writeInt16BE(fields, this.pos);
    this.pos += 2;
  }

  int4(v: number): void {
    assert(Number.isInteger(v) && Math.abs(v) < 2 ** 31, 'COPY int4 of a 32-bit integer');
    this.room(8);
    this.buf.writeInt32BE(4, this.pos);
    this.buf.writeInt32BE(v, this.pos + 4);
    this.pos += 8;
  }

  int8(v: number): void {
    assert(Number.isSafeInteger(v), 'COPY int8 of a safe integer');
    this.room(12);
    this.buf.writeInt32BE(8, this.pos);
    writeInt64(this.buf, this.pos + 4, v);
    this.pos += 12;
  }

  /** timestamptz: microseconds since 2000-01-01 00:00 UTC, from epoch milliseconds. */
  timestamptz(ms: number): void {
    this.int8((ms - PG_EPOCH_MS) * 1000);
  }

  text(s: string): void {
    const max = s.length * 3; // UTF-16 code units → at most 3 UTF-8 bytes each
    this.room(4 + max);
    const n = this.buf.write(s, this.pos + 4, 'utf8');
    this.buf.writeInt32BE(n, this.pos);
    this.pos += 4 + n;
  }

  nul(): void {
    this.room(4);
    this.buf.writeInt32BE(-1, this.pos);
    this.pos += 4;
  }

  /** The bytes written so far; the writer starts over on a new buffer. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.pos = 0;
    return out;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}

/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;

/** A safe integer as a big-endian two's-complement int64, without a bigint. */
function writeInt64(buf: Buffer, at: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  buf.writeInt32BE(hi, at);
  buf.writeUInt32BE(v - hi * TWO_32, at + 4);
}

/** The binary format's header (signature, flags, no extension) and trailer. */
const BINARY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** Rows encoded per stream write: large enough to amortise a write, small enough to stream. */
const ROWS_PER_WRITE = 2_000;

/**
 * Writes `count` rows with one `COPY … FROM STDIN (FORMAT binary)`, row `i` encoded by
 * `encode(i, w)` just before it is written: PostgreSQL inserts the first chunks while later ones
 * are encoded; one round trip, no per-row statement. Honours the socket's backpressure and
 * resolves once the server has taken every row.
 *
 * postgres.js 3.4.9 never settles the stream when the server rejects a COPY after its end
 * (porsager/postgres#1173: the final callback is dropped on the error path), so the wait is
 * bounded: past `settleMsMax` the COPY counts as failed. A COPY is atomic, so its rows are then
 * retried; callers validate rows first so that the server has nothing to reject.
 */
export async function copyBinary(
  sql: Sql,
  target: CopyTarget,
  count: number,
  encode: (i: number, w: CopyRowWriter) => void,
  settleMsMax = COPY_SETTLE_MS_MAX,
): Promise<void> {
  if (count === 0) return;
  const stream = await sql
    .unsafe(`copy ${target.table} (${target.columns.join(', ')}) from stdin (format binary)`)
    .writable();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new CopyTimeoutError(`COPY into ${target.table} did not settle`)), settleMsMax);
    stream.once('error', reject);
    stream.once('finish', resolve);
  });
  try {
    const w = new CopyRowWriter(ROWS_PER_WRITE * 96);
    if (!stream.write(BINARY_HEADER)) await Promise.race([once(stream, 'drain'), settled]);
    for (let i = 0; i < count; i += ROWS_PER_WRITE) {
      const end = Math.min(count, i + ROWS_PER_WRITE);
      for (let j = i; j < end; j++) encode(j, w);
      if (!stream.write(w.take())) await Promise.race([once(stream, 'drain'), settled]);
    }
    stream.end(BINARY_TRAILER);
    await settled;
  } finally {
    clearTimeout(timer);
  }
}
