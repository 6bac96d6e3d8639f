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
export function packColumn(values: readonly PackedValue[]): string {
  // Indexed loops, not for…of: where the loop is not optimised (one function packing strings,
  // numbers and NULLs for every column is polymorphic) for…of allocates an iterator result per value.
  let out = '';
  for (let i = 0; i < values.length; i += 1) out += packed(values[i]);
  return out;
}

/** packColumn of `value(row)` for each row, without the intermediate array of `rows.map(value)`. */
export function packColumnOf<T>(rows: readonly T[], value: (row: T) => PackedValue): string {
  let out = '';
  for (let i = 0; i < rows.length; i += 1) out += packed(value(rows[i] as T));
  return out;
}

/** One value of a packed column: the separator, then the value's text (U+001F for NULL). */
export type PackedValue = string | number | bigint | null | undefined;

const SEPARATED_NULL = PACKED_SEPARATOR + PACKED_NULL;

function packed(v: PackedValue): string {
  if (v === null || v === undefined) return SEPARATED_NULL;
  if (typeof v !== 'string') return PACKED_SEPARATOR + String(v);
  assert(!v.includes(PACKED_SEPARATOR) && !v.includes(PACKED_NULL), 'a packed value holds a separator');
  return PACKED_SEPARATOR + v;
}
