import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyBinary } from './copy-rows';

let db: DbHandle;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`create table copy_probe (i int4 not null, t text not null, ts timestamptz(3) not null, n bigint)`;
});
afterAll(() => db.close());

type Row = { t: string; ms: number; n: number | null };
const ROWS: Row[] = [
  { t: 'BTC-USD', ms: Date.UTC(2026, 10, 24, 12, 0, 0, 123), n: 9_650_000 },
  { t: 'ünïcode € 𝄞', ms: 0, n: -1 }, // 1970, before PostgreSQL's 2000 epoch: a negative int64
  { t: '', ms: Date.UTC(1999, 11, 31, 23, 59, 59, 999), n: Number.MAX_SAFE_INTEGER },
  { t: 'sell', ms: Date.UTC(2000, 0, 1), n: Number.MIN_SAFE_INTEGER },
  { t: 'x', ms: -86_400_001, n: null },
  { t: 'y', ms: Date.UTC(2262, 0, 1), n: 0 },
];

it("writes rows in COPY's binary format that PostgreSQL reads back exactly (text, timestamps either side of 2000, int8 extremes, NULL)", async () => {
  await copyBinary(db.sql, { table: 'copy_probe', columns: ['i', 't', 'ts', 'n'] }, ROWS.length, (i, w) => {
    const r = ROWS[i] as Row;
    w.row(4);
    w.int4(i);
    w.text(r.t);
    w.timestamptz(r.ms);
    if (r.n === null) w.nul();
    else w.int8(r.n);
  });
  const back = await db.sql<{ t: string; ms: string; n: string | null }[]>`
    select t, (extract(epoch from ts) * 1000)::bigint::text as ms, n::text from copy_probe order by i`;
  expect(back).toEqual(ROWS.map((r) => ({ t: r.t, ms: String(r.ms), n: r.n === null ? null : String(r.n) })));
});

it('a row the server refuses fails the COPY and stores none of it', async () => {
  const bad = copyBinary(
    db.sql,
    { table: 'copy_probe', columns: ['i', 't', 'ts', 'n'] },
    2,
    (i, w) => {
      w.row(4);
      w.int4(100 + i);
      if (i === 1)
        w.nul(); // t is NOT NULL
      else w.text('ok');
      w.timestamptz(0);
      w.int8(1);
    },
    5_000,
  );
  await expect(bad).rejects.toThrow();
  const [r] = await db.sql`select count(*)::int as n from copy_probe where i >= 100`;
  expect(r?.n).toBe(0);
});
