import { afterAll, beforeAll, expect, test } from 'vitest';
import { withBars } from '../../market-data/test-support/with-bars';
import {
  registerAndSignIn,
  rejection,
  startTestEdge,
  type TestClient,
  type TestEdge,
} from '../../test-support/edge-harness';
import { CSV_UPLOAD_CHARS_MAX } from './import-csv';

const D = Date.UTC(2024, 0, 2);
const HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';
const GOOD = `${HEADER}\n2024-01-02,187.15,188.44,183.89,185.64,184.89,82488700\n2024-01-03,184.22,185.88,183.43,184.25,183.50,58414500\n`;

let edge: TestEdge;
let admin: TestClient;
let user: TestClient;
beforeAll(async () => {
  edge = await startTestEdge();
  admin = edge.client();
  const { signedIn } = await registerAndSignIn(admin);
  await edge.db.sql`update users set role = 'admin' where id = ${signedIn.user.id}`;
  // The role is read from the access token: sign in again to get one that says admin.
  const again = await admin.trpc.auth.refresh.mutate();
  admin.state.accessToken = again.accessToken;
  user = edge.client();
  await registerAndSignIn(user);
});
afterAll(() => edge.close());

const csvBars = () => edge.db.sql`select count(*)::int as n from market_bars where source = 'csv'`.then((r) => r[0]?.n);

test('an administrator imports a Yahoo file; the chart sees it at once (cache invalidated)', async () => {
  const candles = () =>
    withBars(admin.trpc.market.candles.query({ symbol: 'AAPL', interval: '1d', from: D, to: D + 2 * 86_400_000 }));
  expect((await candles()).bars).toHaveLength(0);
  const result = await admin.trpc.market.importCsv.mutate({ symbol: 'AAPL', csv: GOOD });
  expect(result).toEqual({
    ok: true,
    layout: 'yahoo',
    interval: '1d',
    rows: 2,
    imported: 2,
    fromMs: D,
    toMs: D + 2 * 86_400_000,
  });
  expect((await candles()).bars.map((b) => b[4])).toEqual([18564, 18425]);
  const again = await admin.trpc.market.importCsv.mutate({ symbol: 'AAPL', csv: GOOD });
  expect(again).toMatchObject({ ok: true, rows: 2, imported: 0 }); // dedupe: nothing twice
});

test('a file with bad rows is rejected with every line and column, and stores nothing', async () => {
  const before = await csvBars();
  const bad = `${HEADER}\n2024-02-01,1.00,1.00,1.00,1.00,1.00,1\n2024-02-02,1.001,1.00,1.00,1.00,1.00,1\n2024-02-03,1.00,1.00,x,1.00,1.00,1\n`;
  const result = await admin.trpc.market.importCsv.mutate({ symbol: 'AAPL', csv: bad });
  expect(result.ok).toBe(false);
  if (!result.ok)
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 2],
      [4, 4],
    ]);
  expect(await csvBars()).toBe(before);
});

test('users without the import role are refused; unknown symbols are refused', async () => {
  expect((await rejection(user.trpc.market.importCsv.mutate({ symbol: 'AAPL', csv: GOOD }))).data?.reason).toBe(
    'MARKET_IMPORT_FORBIDDEN',
  );
  expect((await rejection(edge.client().trpc.market.importCsv.mutate({ symbol: 'AAPL', csv: GOOD }))).data?.code).toBe(
    'UNAUTHORIZED',
  );
  expect((await rejection(admin.trpc.market.importCsv.mutate({ symbol: 'NOPE', csv: GOOD }))).data?.reason).toBe(
    'MARKET_UNKNOWN_SYMBOL',
  );
});

test(`uploads of ${CSV_UPLOAD_CHARS_MAX} characters are read; one more is MARKET_CSV_TOO_LARGE`, async () => {
  const pad = (n: number) => `${GOOD}${'x'.repeat(n - GOOD.length - 1)}\n`;
  const atLimit = await admin.trpc.market.importCsv.mutate({ symbol: 'AAPL', csv: pad(CSV_UPLOAD_CHARS_MAX) });
  expect(atLimit.ok).toBe(false); // read and parsed (the padding is a bad row), not refused for size
  const past = rejection(admin.trpc.market.importCsv.mutate({ symbol: 'AAPL', csv: pad(CSV_UPLOAD_CHARS_MAX + 1) }));
  expect((await past).data?.reason).toBe('MARKET_CSV_TOO_LARGE');
});
