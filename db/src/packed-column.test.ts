import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './client';
import { PACKED_NULL, PACKED_SEPARATOR, packColumn, packColumnOf } from './packed-column';
import { createTestDatabase } from './testing/index';

let db: DbHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** The column as PostgreSQL splits it, one row per value (in order). */
const split = async (packed: string) =>
  (
    await db.sql<{ v: string | null }[]>`
      select v from unnest((string_to_array(${packed}, chr(30), chr(31)))[2:]) with ordinality as t(v, n) order by n`
  ).map((r) => r.v);

describe('packColumn', () => {
  it('round-trips strings, empty strings, NULLs, numbers and JSON through string_to_array', async () => {
    const json = JSON.stringify({ q: 'say "hi"\\n', c: '\x1e\x1f' });
    expect(json.includes(PACKED_SEPARATOR)).toBe(false);
    const values = ['a', '', null, 'x,y{"}', 42, 12n, undefined, json];
    expect(await split(packColumn(values))).toEqual(['a', '', null, 'x,y{"}', '42', '12', null, json]);
  });

  it('keeps a one-row column holding an empty string, and an empty column empty', async () => {
    expect(await split(packColumn(['']))).toEqual(['']);
    expect(await split(packColumn([]))).toEqual([]);
    expect(await split(packColumn([null]))).toEqual([null]);
  });

  it('packColumnOf packs what the accessor gives for each row, as packColumn of the mapped rows', () => {
    const rows = [{ v: 'a' }, { v: null }, { v: 7 }, { v: undefined }, { v: '' }];
    expect(packColumnOf(rows, (r) => r.v)).toBe(packColumn(rows.map((r) => r.v)));
    expect(packColumnOf([], (r: { v: string }) => r.v)).toBe('');
    expect(() => packColumnOf([{ v: `x${PACKED_SEPARATOR}` }], (r) => r.v)).toThrow(/separator/);
  });

  it('refuses a value holding a separator', () => {
    expect(() => packColumn(['ok', `a${PACKED_SEPARATOR}b`])).toThrow(/separator/);
    expect(() => packColumn([`a${PACKED_NULL}`])).toThrow(/separator/);
  });
});
