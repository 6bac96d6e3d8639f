import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FillTotals } from '../../data/owned-strategies';
import { messageFor } from '../../notifications/event-messages';
import { type CoreProcess, startCoreProcess } from '../../test-support/core-process';
import { rejection, signedInTrader, startTestEdge, type TestEdge } from '../../test-support/edge-harness';
import { performanceOf } from './performance';

/** Live strategies through edge, against the real core (a child process on the same database). */
let edge: TestEdge;
let core: CoreProcess;

beforeAll(async () => {
  const db = await createTestDatabase();
  core = await startCoreProcess(db.url);
  edge = await startTestEdge({ coreInternal: core.internal, db });
}, 90_000);
afterAll(async () => {
  await core?.stop();
  await edge?.close();
});

const trader = () => signedInTrader(edge);

async function until<T>(what: string, f: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('strategies router', () => {
  test('the catalogue lists the built-ins with the JSON Schema of their parameters', async () => {
    const list = await edge.client().trpc.strategies.catalogue.query();
    expect(list.map((s) => s.id)).toEqual([
      'sma-cross',
      'rsi-reversion',
      'bollinger-breakout',
      'grid',
      'dca',
      'market-maker',
    ]);
    const sma = list[0]?.params as { properties: Record<string, { default?: number; minimum?: number }> };
    expect(sma.properties.fast).toMatchObject({ default: 10, minimum: 1 });
  });

  test('deploy on a sub-account, see it quote with live PnL, stop it: its orders are cancelled', async () => {
    const alice = await trader();
    const t = alice.client.trpc.strategies;
    const d = await t.deploy.mutate({
      accountId: alice.accountId,
      strategyId: 'market-maker',
      params: { spreadBps: 10, qtyLots: 1 },
      symbols: ['BTC-USD'],
      interval: '1s',
      allocation: '5000.00',
    });
    expect(d).toMatchObject({ status: 'running', strategyId: 'market-maker' });
    const accounts = (await alice.client.trpc.auth.me.query()).accounts;
    expect(accounts.find((a) => a.id === d.accountId)).toMatchObject({ cash: '5000.00' });
    const detail = await until('its quotes', async () => {
      const x = await t.detail.query({ deploymentId: d.id });
      return x.orders.length > 0 && x;
    });
    expect(detail).toMatchObject({ status: 'running', allocated: '5000.00', name: 'Market maker' });
    expect(detail.orders.every((o) => o.accountId === d.accountId && o.deploymentId === d.id)).toBe(true);
    expect(detail.performance.pnl).toMatch(/^-?\d+\.\d\d$/);
    const [listed] = await t.list.query();
    expect(listed).toMatchObject({ id: d.id, status: 'running', symbols: ['BTC-USD'], interval: '1s' });
    expect(await t.stop.mutate({ deploymentId: d.id })).toMatchObject({ status: 'stopped' });
    const after = await t.detail.query({ deploymentId: d.id });
    expect(after).toMatchObject({ status: 'stopped', reason: 'stopped by its owner', openOrders: 0 });
    expect(after.orders.some((o) => o.status === 'cancelled')).toBe(true);
    const again = await rejection(t.stop.mutate({ deploymentId: d.id }));
    expect(again.data?.reason).toBe('STRATEGY_NOT_RUNNING');
    expect(await t.start.mutate({ deploymentId: d.id })).toMatchObject({ status: 'running' });
    expect(await t.stop.mutate({ deploymentId: d.id })).toMatchObject({ status: 'stopped' });
  });

  test('bad input and other users: typed errors, nothing deployed', async () => {
    const alice = await trader();
    const bob = await trader();
    const good = {
      accountId: alice.accountId,
      strategyId: 'sma-cross',
      params: {},
      symbols: ['BTC-USD'],
      interval: '1m' as const,
    };
    const cases = [
      [{ strategyId: 'nope' }, 'BAD_REQUEST', 'STRATEGY_UNKNOWN'],
      [{ params: { fast: 30, slow: 20 } }, 'BAD_REQUEST', 'STRATEGY_PARAMS_INVALID'],
      [{ params: { extra: 1 } }, 'BAD_REQUEST', 'STRATEGY_PARAMS_INVALID'],
      [{ symbols: ['NOPE-USD'] }, 'BAD_REQUEST', 'STRATEGY_SYMBOL_UNKNOWN'],
      [{ allocation: '0.001' }, 'BAD_REQUEST', 'STRATEGY_ALLOCATION_INVALID'],
      [{ allocation: '99999999.00' }, 'UNPROCESSABLE_CONTENT', 'ACCOUNT_INSUFFICIENT_FUNDS'],
    ] as [Partial<typeof good> & { allocation?: string }, string, string][];
    for (const [patch, code, reason] of cases) {
      const e = await rejection(alice.client.trpc.strategies.deploy.mutate({ ...good, ...patch }));
      expect({ code: e.data?.code, reason: e.data?.reason }, JSON.stringify(patch)).toEqual({ code, reason });
    }
    const interval = await rejection(alice.client.trpc.strategies.deploy.mutate({ ...good, interval: '1h' as never }));
    expect(interval.data?.code).toBe('BAD_REQUEST');
    expect(await alice.client.trpc.strategies.list.query()).toEqual([]);
    // Bob with alice's account, then with alice's deployment: NOT_FOUND everywhere.
    const notMine = await rejection(bob.client.trpc.strategies.deploy.mutate(good));
    expect(notMine.data?.code).toBe('NOT_FOUND');
    const d = await alice.client.trpc.strategies.deploy.mutate(good);
    for (const call of [
      () => bob.client.trpc.strategies.detail.query({ deploymentId: d.id }),
      () => bob.client.trpc.strategies.stop.mutate({ deploymentId: d.id }),
      () => bob.client.trpc.strategies.start.mutate({ deploymentId: d.id }),
    ]) {
      const e = await rejection(call());
      expect({ code: e.data?.code, reason: e.data?.reason }).toEqual({
        code: 'NOT_FOUND',
        reason: 'STRATEGY_NOT_FOUND',
      });
    }
    expect(await bob.client.trpc.strategies.list.query()).toEqual([]);
    expect((await alice.client.trpc.strategies.detail.query({ deploymentId: d.id })).status).toBe('running');
    const anon = await rejection(edge.client().trpc.strategies.list.query());
    expect(anon.data?.code).toBe('UNAUTHORIZED');
    await alice.client.trpc.strategies.stop.mutate({ deploymentId: d.id });
  });
});

describe('strategy PnL and messages', () => {
  test('PnL is exact: cash flow − fees + position × mark, rounded half-even to the cent once', () => {
    // Bought 0.0030 BTC for 289.50 in all, sold 0.0010 for 97.00; fees 0.39; mark 96,500.00:
    // −289.50 + 97.00 − 0.39 + 0.0020 × 96,500.00 = 0.11.
    const totals: FillTotals[] = [
      { deploymentId: 'd', symbol: 'BTC-USD', quantity: '0.0020', cashFlow: '-192.50', fees: '0.39', fills: 4 },
      { deploymentId: 'd', symbol: 'ETH-USD', quantity: '0.000', cashFlow: '0.005', fees: '0', fills: 2 },
    ];
    const p = performanceOf(totals, new Map([['BTC-USD', 9_650_000]]), 2);
    expect(p.symbols[0]).toMatchObject({ symbol: 'BTC-USD', position: '0.0020', markPrice: '96500.00', pnl: '0.11' });
    // 0.005 is a half cent: half-even gives 0.00; the total 0.115 rounds to 0.12 (once, not per symbol).
    expect(p.symbols[1]).toMatchObject({ position: '0', markPrice: null, pnl: '0.00' });
    expect(p).toMatchObject({ pnl: '0.12', fees: '0.39', fills: 6 });
  });

  test('a failed deployment is an urgent message linking to it; a stop its owner asked for is none', () => {
    const event = (payload: Record<string, string | boolean>) => ({
      seq: 1,
      type: 'strategy.status' as const,
      userId: 'u',
      accountId: 'a',
      occurredAtMs: 0,
      payload,
    });
    const failed = messageFor(
      event({ deploymentId: 'd1', name: 'Grid', status: 'failed', reason: 'onBar threw: x', byOwner: false }),
    );
    expect(failed).toMatchObject({ urgent: true, url: '#/strategies/d1', body: 'Grid: onBar threw: x' });
    expect(
      messageFor(event({ deploymentId: 'd1', status: 'stopped', reason: 'stopped by its owner', byOwner: true })),
    ).toBeNull();
  });
});
