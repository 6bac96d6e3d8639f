import type { Bar } from '../bar';

/**
 * Encoded HTTP answers of recent candle queries. An entry is reused only while the exact
 * same chunk arrays back the query (identity: a refreshed chunk is a new array), so it can
 * never serve bars the cache no longer holds. Saves building and UTF-8 encoding the body
 * of a repeated query (a chart opened by many users). Bounded by entries and bytes.
 */
export const ANSWER_ENTRIES_MAX = 256;
export const ANSWER_BYTES_MAX = 16 * 1024 * 1024;

type Slice = readonly [readonly Bar[], number, number];
type Entry = { readonly slices: readonly Slice[]; readonly bytes: Uint8Array };

const sameSlices = (a: readonly Slice[], b: readonly Slice[]) =>
  a.length === b.length && a.every((x, i) => x[0] === b[i]?.[0] && x[1] === b[i]?.[1] && x[2] === b[i]?.[2]);

export class AnswerBytes {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  get(key: string, slices: readonly Slice[]): Uint8Array | null {
    const e = this.#entries.get(key);
    return e !== undefined && sameSlices(e.slices, slices) ? e.bytes : null;
  }

  set(key: string, slices: readonly Slice[], bytes: Uint8Array): void {
    if (bytes.byteLength > ANSWER_BYTES_MAX / 16) return; // a huge answer would evict everything else
    this.#drop(key);
    this.#entries.set(key, { slices, bytes });
    this.#bytes += bytes.byteLength;
    while (this.#entries.size > ANSWER_ENTRIES_MAX || this.#bytes > ANSWER_BYTES_MAX) {
      this.#drop(this.#entries.keys().next().value as string);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  #drop(key: string): void {
    const e = this.#entries.get(key);
    if (e === undefined) return;
    this.#bytes -= e.bytes.byteLength;
    this.#entries.delete(key);
  }
}
