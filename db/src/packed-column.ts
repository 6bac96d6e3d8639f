import { assert } from '@tradewind/shared/util';

/** Between the values of a packed column (ASCII record separator). */
export const PACKED_SEPARATOR = '\x1e';
/** A NULL value of a packed column (ASCII unit separator). */
export const PACKED_NULL = '\x1f';

/**
 * A column of a multi-row statement as ONE text parameter: each value preceded by U+001E, NULL
 * as U+001F, split in SQL by `(string_to_array($1, chr(30), chr(31)))[2:]` (the slice drops the
 * empty first element; without the leading separator a one-row column holding '' would split
 * into no element at all) and cast there (`…::bigint[]`, `…::numeric[]`). Much cheaper than a
 * `text[]` parameter, whose serialiser (postgres.js) runs two regular expressions over every
 * value and which PostgreSQL must then parse as an array literal: ~3× for JSON payloads.
 *
 * Values must not contain either separator (JSON text never does: JSON.stringify escapes every
 * control character; ids and codes are validated). Checked: a violation throws before anything is sent.
 */
export function packColumn(values: readonly (string | number | bigint | null | undefined)[]): string {
  let out = '';
  for (const v of values) {
    if (v === null || v === undefined) out += PACKED_SEPARATOR + PACKED_NULL;
    else if (typeof v === 'string') {
      assert(!v.includes(PACKED_SEPARATOR) && !v.includes(PACKED_NULL), 'a packed value holds a separator');
      out += PACKED_SEPARATOR + v;
    } else out += PACKED_SEPARATOR + String(v);
  }
  return out;
}
