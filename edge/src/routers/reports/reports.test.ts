import { schema } from '@tradewind/db';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';
import { CSV_BOM } from './csv';

/**
 * Reports over rows written straight into the real tables core projects (fills, balances,
 * positions, equity_samples): what is tested is edge's scoping, maths, paging and files.
 */
let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

async function trader() {
  const client = edge.client();
  const { signedIn } = await registerAndSignIn(client);
  const me = await client.trpc.auth.me.query();
  const account = me.accounts[0];
  if (!account) throw new Error('no account');
  return { client, account, token: signedIn.accessToken };
}

const T0 = Date.UTC(2026, 10, 20, 12);
let nextTrade = 5_000;

/** Fills as core projects them, and the balance they leave (opening − buys + sells − fees). */
async function seedFills(accountId: string, openingMinor: bigint) {
  const rows = [
    { side: 'buy', symbol: 'BTC-USD', price: '96500.00', quantity: '0.0100', fee: '0.49' },
    { side: 'buy', symbol: 'ETH-USD', price: '3450.00', quantity: '0.100', fee: '0.18' },
    { side: 'sell', symbol: 'BTC-USD', price: '97000.00', quantity: '0.0050', fee: '0.25' },
  ] as const;
  await edge.db.db.insert(schema.fills).values(
    rows.map((r, i) => ({
      tradeId: ++nextTrade,
      orderId: nextTrade,
      accountId,
      clientOrderId: `c,"${i}"`,
      ...r,
      liquidity: 'taker' as const,
      ts: new Date(T0 + i * 60_000),
    })),
  );
  // 965.00 + 345.00 bought, 485.00 sold, 0.92 fees.
  const balance = openingMinor - 96_500n - 34_500n + 48_500n - 92n;
  await edge.db.db.insert(schema.balances).values({
    accountId,
    currency: 'USD',
    balance: (Number(balance) / 100).toFixed(2),
    updatedAt: new Date(T0),
  });
  await edge.db.db.insert(schema.positions).values({
    accountId,
    symbol: 'BTC-USD',
    quantity: '0.0050',
    cost: '482.50',
    realisedPnl: '2.50',
    updatedAt: new Date(T0),
  });
}

async function download(path: string, token?: string) {
  const res = await fetch(`${edge.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  // Not res.text(): the Fetch decoder strips a BOM, and the BOM is part of what is tested.
  const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), body };
}

describe('reports', () => {
  test('performance reads the sampled equity curve: metrics, series and monthly returns', async () => {
    const { client, account } = await trader();
    const equity = ['100000.00', '110000.00', '99000.00'];
    await edge.db.db.insert(schema.equitySamples).values(
      equity.map((e, i) => ({
        accountId: account.id,
        ts: new Date(T0 + i * 86_400_000),
        equityMinor: e.replace('.', ''),
        cashMinor: '0',
      })),
    );
    const p = await client.trpc.reports.performance.query({
      accountId: account.id,
      fromMs: T0,
      toMs: T0 + 3 * 86_400_000,
    });
    expect(p.series.equity).toEqual(equity);
    expect(p.metrics?.totalReturnRatio).toBeCloseTo(-0.01, 12);
    expect(p.metrics?.maxDrawdownRatio).toBeCloseTo(0.1, 12);
    expect(p.monthly).toHaveLength(1);
    const bad = await rejection(client.trpc.reports.performance.query({ accountId: account.id, fromMs: T0, toMs: T0 }));
    expect(bad.data?.reason).toBe('REPORT_PERIOD_INVALID');
  });

  test('trade history filters by symbol, side and period and pages with a cursor', async () => {
    const { client, account } = await trader();
    await seedFills(account.id, BigInt(account.cashMinor));
    const page1 = await client.trpc.reports.trades.query({ accountId: account.id, limit: 2 });
    expect(page1.items.map((f) => f.side)).toEqual(['sell', 'buy']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await client.trpc.reports.trades.query({
      accountId: account.id,
      limit: 2,
      cursor: page1.nextCursor ?? '',
    });
    expect(page2.items.map((f) => f.symbol)).toEqual(['BTC-USD']);
    expect(page2.nextCursor).toBeNull();
    const btcBuys = await client.trpc.reports.trades.query({ accountId: account.id, symbol: 'BTC-USD', side: 'buy' });
    expect(btcBuys.items.map((f) => f.price)).toEqual(['96500.00']);
    const late = await client.trpc.reports.trades.query({
      accountId: account.id,
      fromMs: T0 + 60_000,
      toMs: T0 + 120_000,
    });
    expect(late.items.map((f) => f.symbol)).toEqual(['ETH-USD']);
  });

  test('the transaction report reconciles with the balance; CSVs match the fills, with a BOM and quoting', async () => {
    const { client, account, token } = await trader();
    await seedFills(account.id, BigInt(account.cashMinor));
    const t = await client.trpc.reports.transactions.query({ accountId: account.id });
    expect(t).toMatchObject({ projectedBalance: t.totals.closingBalance });
    expect({ reconciled: t.reconciled, complete: t.complete, rows: t.rows.length }).toEqual({
      reconciled: true,
      complete: true,
      rows: 4,
    });
    expect(t.totals).toMatchObject({ bought: '1310.00', sold: '485.00', fees: '0.92', realisedPnl: '2.50' });
    expect(t.totals.closingBalance).toBe(t.projectedBalance);
    const csv = await download(`/reports/v1/trades.csv?accountId=${account.id}`, token);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.body.slice(1).split('\r\n');
    expect(lines[0]).toBe('time_utc,trade_id,order_id,client_order_id,symbol,side,quantity,price,fee,liquidity');
    // The quoted client order id holds one comma, so a naive split shifts the later fields by one.
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(5, 10))).toEqual([
      ['BTC-USD', 'sell', '0.0050', '97000.00', '0.25'],
      ['ETH-USD', 'buy', '0.100', '3450.00', '0.18'],
      ['BTC-USD', 'buy', '0.0100', '96500.00', '0.49'],
    ]);
    expect(lines[1]).toContain('"c,""2"""');
    const tx = await download(`/reports/v1/transactions.csv?accountId=${account.id}`, token);
    expect(tx.body.split('\r\n')).toHaveLength(2 + 3 + 1);
    const html = await download(
      `/reports/v1/report.html?accountId=${account.id}&fromMs=${T0}&toMs=${T0 + 86_400_000}`,
      token,
    );
    expect(html.status).toBe(200);
    expect(html.body).toContain('reconciles with');
  });

  test("user B gets NOT_FOUND for A's account in every report and 404 for A's CSV; no token is 401", async () => {
    const a = await trader();
    const b = await trader();
    await seedFills(a.account.id, BigInt(a.account.cashMinor));
    const id = a.account.id;
    for (const call of [
      b.client.trpc.reports.trades.query({ accountId: id }),
      b.client.trpc.reports.transactions.query({ accountId: id }),
      b.client.trpc.reports.performance.query({ accountId: id, fromMs: T0, toMs: T0 + 1 }),
    ]) {
      expect((await rejection(call)).data?.code).toBe('NOT_FOUND');
    }
    expect((await download(`/reports/v1/trades.csv?accountId=${id}`, b.token)).status).toBe(404);
    expect((await download(`/reports/v1/transactions.csv?accountId=${id}`, b.token)).status).toBe(404);
    expect((await download(`/reports/v1/trades.csv?accountId=${id}`)).status).toBe(401);
    expect((await download('/reports/v1/trades.csv?accountId=not-a-uuid', a.token)).status).toBe(400);
    expect((await download(`/reports/v1/nothing.csv?accountId=${id}`, a.token)).status).toBe(404);
  });
});
