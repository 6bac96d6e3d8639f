import { createTestDatabase } from '@tradewind/db/testing';
import { INSTRUMENTS } from '@tradewind/shared';
import { createEngine } from '@tradewind/shared/engine';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TcpProxy } from '../test-support/tcp-proxy';
import { TestClient } from '../test-support/test-client';
import { metricValue, startTestCore, TEST_ORIGIN, type TestCore } from '../test-support/test-core';
import { createTrader, type TestTrader } from '../test-support/trading-users';
import { recoverState } from './index';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let proxy: TcpProxy;
let t: TestCore;
let trader: TestTrader;

beforeAll(async () => {
  db = await createTestDatabase();
  const url = new URL(db.url);
  proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
  await proxy.open();
  url.port = String(proxy.port);
  // p2's batch is sent on a connection the cut just killed: its outcome is unknown until recovery,
  // which cannot run while the database is away; past this wait it is answered "may or may not".
  t = await startTestCore({ ...db, url: url.toString() }, { journalRetryMs: 50, journalUnknownWaitMs: 500 });
  trader = await createTrader(db);
});
afterAll(async () => {
  await t?.core.close();
  await proxy?.cut();
  await db?.close();
});

const order = (clientOrderId: string) => ({
  op: 'place',
  accountId: trader.accountId,
  place: {
    kind: 'single',
    order: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.0100', price: '95000.00', clientOrderId },
  },
});

describe('fail closed when PostgreSQL is unreachable', () => {
  it('rejects orders with CORE_JOURNAL_UNAVAILABLE, keeps market data flowing, resumes by itself, loses nothing acknowledged', async () => {
    const c = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
    c.send({ op: 'auth', id: 'auth', token: await trader.token(Math.floor(t.clock.nowMs() / 1000)) });
    await c.next('authed');
    expect(await c.request({ op: 'subscribe', id: 'sub', topics: ['trades.BTC-USD'] })).toMatchObject({ type: 'ack' });
    expect(await c.request({ ...order('before'), id: 'p1' } as never)).toMatchObject({
      type: 'ack',
      status: 'accepted',
    });

    await proxy.cut();
    const failed = await c.request({ ...order('during-1'), id: 'p2' } as never);
    expect(failed).toMatchObject({ type: 'reject', code: 'CORE_JOURNAL_UNAVAILABLE' });
    expect(t.core.trading.mode).toBe('recovering');
    expect(await c.request({ ...order('during-2'), id: 'p3' } as never)).toMatchObject({
      code: 'CORE_JOURNAL_UNAVAILABLE',
    });
    // Public market data does not depend on the database.
    t.feed.step(30);
    await c.next('trade', (f) => f.symbol === 'BTC-USD');

    await proxy.open();
    await vi.waitFor(() => expect(t.core.trading.mode).toBe('ready'), { timeout: 10_000, interval: 20 });
    expect(await c.request({ ...order('after'), id: 'p4' } as never)).toMatchObject({
      type: 'ack',
      status: 'accepted',
    });
    await t.core.trading.projected();
    const rows =
      await db.sql`select client_order_id from orders where account_id = ${trader.accountId} order by order_id`;
    expect(rows.map((r) => r.client_order_id)).toEqual(['before', 'after']);
    const metrics = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metricValue(metrics, 'core_journal_failures_total')).toBeGreaterThanOrEqual(1);
    expect(metricValue(metrics, 'core_order_entry_ready')).toBe(1);
    expect(metricValue(metrics, 'core_orders_answered_total', '{outcome="CORE_JOURNAL_UNAVAILABLE"}')).toBe(2);
    const recovered = await recoverState(db.sql, createEngine({ instruments: INSTRUMENTS }));
    expect(t.core.trading.stateHash()).toBe(createEngine({ instruments: INSTRUMENTS }).stateHash(recovered.state));
    await c.close();
  });
});
