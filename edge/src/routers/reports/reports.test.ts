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
    // One round trip closed: 0.0050 BTC bought at 96500 and sold at 97000, gross 2.50 = the
    // engine's realised PnL; fees 0.25 on exit + half of 0.49 on entry (24.5 cents, half-even 24).
    const p = await client.trpc.reports.performance.query({ accountId: account.id, fromMs: T0, toMs: T0 + 86_400_000 });
    expect(p.trades).toMatchObject({ tradeCount: 1, winCount: 1, grossPnl: '2.50', fees: '0.49', netPnl: '2.01' });
    expect(p.openPositions).toBe(2); // BTC and ETH still open
    expect(p.equityNote).toBeNull();
    expect(t.totals.closingBalance).toBe(t.projectedBalance);
    const csv = await download(`/reports/v1/trades.csv?accountId=${account.id}`, token);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.body.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'time_utc,trade_id,order_id,client_order_id,symbol,side,quantity,price,fee,liquidity,account_id,deployment_id',
    );
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
      () => b.client.trpc.reports.trades.query({ accountId: id }),
      () => b.client.trpc.reports.transactions.query({ accountId: id }),
      () => b.client.trpc.reports.performance.query({ accountId: id, fromMs: T0, toMs: T0 + 1 }),
    ]) {
      expect((await rejection(call())).data?.code).toBe('NOT_FOUND');
    }
    expect((await download(`/reports/v1/trades.csv?accountId=${id}`, b.token)).status).toBe(404);
    expect((await download(`/reports/v1/transactions.csv?accountId=${id}`, b.token)).status).toBe(404);
    expect((await download(`/reports/v1/trades.csv?accountId=${id}`)).status).toBe(401);
    expect((await download('/reports/v1/trades.csv?accountId=not-a-uuid', a.token)).status).toBe(400);
    expect((await download(`/reports/v1/nothing.csv?accountId=${id}`, a.token)).status).toBe(404);
  });
});

/** A deployment row as core's strategy runner writes it; with `allocatedMinor`, on a new sub-account of `parentId`. */
async function deployment(userId: string, parentId: string, allocatedMinor: bigint | null) {
  let accountId = parentId;
  if (allocatedMinor !== null) {
    const [sub] = await edge.db.sql<{ id: string }[]>`
      insert into accounts (user_id, name, kind, currency, cash_minor, parent_id, created_at)
      values (${userId}, ${`sub ${++nextTrade}`}, 'paper', 'USD', 0, ${parentId}, ${new Date(T0 - 3_600_000).toISOString()})
      returning id`;
    accountId = sub?.id ?? '';
  }
  const [row] = await edge.db.sql<{ id: string }[]>`
    insert into strategy_deployments (user_id, account_id, strategy_id, params, symbols, interval, allocated_minor, created_at)
    values (${userId}, ${accountId}, 'sma-cross', '{}'::jsonb, ${['BTC-USD']}, '1m',
      ${allocatedMinor === null ? null : allocatedMinor.toString()}, ${new Date(T0 - 3_600_000).toISOString()})
    returning id`;
  return { deploymentId: row?.id ?? '', accountId };
}

async function fillRow(
  accountId: string,
  deploymentId: string | null,
  side: 'buy' | 'sell',
  price: string,
  ms: number,
) {
  await edge.db.db.insert(schema.fills).values({
    tradeId: ++nextTrade,
    orderId: nextTrade,
    accountId,
    clientOrderId: `f${nextTrade}`,
    symbol: 'BTC-USD',
    side,
    price,
    quantity: '0.0100',
    fee: '1.00',
    liquidity: 'taker',
    deploymentId,
    ts: new Date(T0 + ms),
  });
}

async function balance(accountId: string, amount: string) {
  await edge.db.db
    .insert(schema.balances)
    .values({ accountId, currency: 'USD', balance: amount, updatedAt: new Date(T0) });
}

async function equity(accountId: string, points: [number, string][]) {
  await edge.db.db
    .insert(schema.equitySamples)
    .values(points.map(([ms, e]) => ({ accountId, ts: new Date(T0 + ms), equityMinor: e, cashMinor: '0' })));
}

describe('sub-accounts, families and strategies', () => {
  test("a strategy's sub-account: its own report (allocation in as a transfer), the parent's (transfer out), and the family's (transfers cancel)", async () => {
    const { client, account, token } = await trader();
    const me = await client.trpc.auth.me.query();
    const userId = me.id;
    const { accountId: subId, deploymentId } = await deployment(userId, account.id, 2_000_000n); // 20,000.00
    await fillRow(subId, deploymentId, 'buy', '96000.00', 60_000); // −960.00 −1.00
    await fillRow(subId, deploymentId, 'sell', '97000.00', 120_000); // +970.00 −1.00
    await fillRow(account.id, null, 'buy', '95000.00', 180_000); // by hand on the parent: −950.00 −1.00
    await balance(subId, '20008.00');
    await balance(account.id, '79049.00'); // 100,000 − 20,000 − 951
    await equity(account.id, [
      [0, '8000000'],
      [300_000, '7995000'],
    ]);
    await equity(subId, [
      [100_000, '2000000'],
      [300_000, '2000800'],
    ]);

    const sub = await client.trpc.reports.transactions.query({ accountId: subId });
    expect(sub.rows.map((r) => [r.kind, r.amount, r.balance])).toEqual([
      ['transfer', '20000.00', '20000.00'],
      ['buy', '-960.00', '19039.00'],
      ['sell', '970.00', '20008.00'],
    ]);
    expect(sub.reconciled).toBe(true);
    const parent = await client.trpc.reports.transactions.query({ accountId: account.id });
    expect(parent.rows.map((r) => r.kind)).toEqual(['deposit', 'transfer', 'buy']);
    expect(parent).toMatchObject({ reconciled: true, totals: { transfers: '-20000.00' } });
    const family = await client.trpc.reports.transactions.query({ accountId: account.id, family: true });
    expect(family.rows.map((r) => [r.kind, r.accountId === subId])).toEqual([
      ['deposit', false],
      ['buy', true],
      ['sell', true],
      ['buy', false],
    ]);
    expect(family).toMatchObject({ reconciled: true, projectedBalance: '99057.00', totals: { transfers: '0.00' } });

    // Performance of the family: the sum of both curves (the sub-account counts 0 before its first sample).
    const perf = await client.trpc.reports.performance.query({
      accountId: account.id,
      family: true,
      fromMs: T0,
      toMs: T0 + 300_000,
    });
    expect(perf.series.equity).toEqual(['80000.00', '100000.00', '99958.00']);
    expect(perf.trades).toMatchObject({ tradeCount: 1, grossPnl: '10.00', fees: '2.00', netPnl: '8.00' });
    const subPerf = await client.trpc.reports.performance.query({
      accountId: subId,
      deploymentId,
      fromMs: T0,
      toMs: T0 + 300_000,
    });
    expect(subPerf.equityNote).toBeNull(); // a strategy on its own sub-account: the curve is the strategy's
    expect(subPerf.series.equity).toEqual(['20000.00', '20008.00']);
    const familyTrades = await client.trpc.reports.trades.query({ accountId: account.id, family: true });
    expect(familyTrades.items.map((f) => f.accountId === subId)).toEqual([false, true, true]);
    const html = await download(
      `/reports/v1/report.html?accountId=${account.id}&family=true&fromMs=${T0}&toMs=${T0 + 300_000}`,
      token,
    );
    expect(html.status).toBe(200);
    expect(html.body).toContain('with sub-accounts');
    expect(html.body).toMatch(/Round trips closed<\/th><td>1</);
    expect(html.body).toContain('reconciles with');
    const scopes = await client.trpc.reports.scopes.query();
    expect(scopes.accounts.find((a) => a.id === subId)?.parentId).toBe(account.id);
    expect(scopes.deployments.map((d) => [d.id, d.accountId])).toEqual([[deploymentId, subId]]);
  });

  test('the strategy filter: trade history, CSV and round-trip statistics of one deployment on a shared account', async () => {
    const { client, account, token } = await trader();
    const userId = (await client.trpc.auth.me.query()).id;
    const { deploymentId } = await deployment(userId, account.id, null);
    await fillRow(account.id, deploymentId, 'buy', '96000.00', 60_000);
    await fillRow(account.id, null, 'buy', '50000.00', 90_000); // by hand: not the strategy's
    await fillRow(account.id, deploymentId, 'sell', '95000.00', 120_000);
    const trades = await client.trpc.reports.trades.query({ accountId: account.id, deploymentId });
    expect(trades.items.map((f) => [f.side, f.price, f.deploymentId])).toEqual([
      ['sell', '95000.00', deploymentId],
      ['buy', '96000.00', deploymentId],
    ]);
    const perf = await client.trpc.reports.performance.query({
      accountId: account.id,
      deploymentId,
      fromMs: T0,
      toMs: T0 + 200_000,
    });
    // The strategy's own position: bought at 96,000, sold at 95,000: one losing trip (−10.00 − 2.00).
    expect(perf.trades).toMatchObject({ tradeCount: 1, lossCount: 1, netPnl: '-12.00' });
    expect(perf.openPositions).toBe(0); // the manual buy is not the strategy's
    expect(perf.equityNote).toContain("whole account's");
    const csv = await download(`/reports/v1/trades.csv?accountId=${account.id}&deploymentId=${deploymentId}`, token);
    expect(
      csv.body
        .slice(1)
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(',').slice(5, 7)),
    ).toEqual([
      ['sell', '0.0100'],
      ['buy', '0.0100'],
    ]);
  });

  test("someone else's deployment, or one outside the report's accounts, is NOT_FOUND and 404", async () => {
    const a = await trader();
    const b = await trader();
    const aUser = (await a.client.trpc.auth.me.query()).id;
    const { deploymentId: onSub } = await deployment(aUser, a.account.id, 100_000n);
    const { deploymentId } = await deployment(aUser, a.account.id, null);
    const notMine = b.client.trpc.reports.trades.query({ accountId: b.account.id, deploymentId });
    expect((await rejection(notMine)).data?.code).toBe('NOT_FOUND');
    // On a's sub-account: not in a's own account unless the family is asked for.
    const outside = a.client.trpc.reports.trades.query({ accountId: a.account.id, deploymentId: onSub });
    expect((await rejection(outside)).data?.code).toBe('NOT_FOUND');
    const family = await a.client.trpc.reports.trades.query({
      accountId: a.account.id,
      family: true,
      deploymentId: onSub,
    });
    expect(family.items).toEqual([]);
    const url = `/reports/v1/trades.csv?accountId=${b.account.id}&deploymentId=${deploymentId}`;
    expect((await download(url, b.token)).status).toBe(404);
    expect(
      (await download(`/reports/v1/transactions.csv?accountId=${a.account.id}&family=maybe`, a.token)).status,
    ).toBe(400);
  });
});
