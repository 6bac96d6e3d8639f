import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TcpProxy } from '../test-support/tcp-proxy';
import { TestClient } from '../test-support/test-client';
import { startTestCore, TEST_ORIGIN, type TestCore } from '../test-support/test-core';
import { createTrader, type TestTrader } from '../test-support/trading-users';

/**
 * A commit whose answer is lost: COMMIT reaches PostgreSQL and commits, the reply never comes
 * back, the connection drops. Core cannot know the outcome, says so, recovers the command from
 * the journal, and a place resent with the same client order id answers the order (R5).
 */
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
  t = await startTestCore({ ...db, url: url.toString() }, { journalRetryMs: 50 });
  trader = await createTrader(db);
});
afterAll(async () => {
  await proxy?.open();
  await t?.core.close();
  await proxy?.cut();
  await db?.close();
});

const place = (clientOrderId: string, id: string) =>
  ({
    op: 'place',
    id,
    accountId: trader.accountId,
    place: {
      kind: 'single',
      order: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.0100', price: '95000.00', clientOrderId },
    },
  }) as never;
const journalled = async () => Number((await db.sql`select count(*)::int as n from journal_commands`)[0]?.n);

describe('unknown commit outcome', () => {
  it('is answered as unknown (not "nothing happened"); after recovery the same client id answers the committed order', async () => {
    const c = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
    c.send({ op: 'auth', id: 'auth', token: await trader.token(Math.floor(t.clock.nowMs() / 1000)) });
    await c.next('authed');
    expect(await c.request(place('first', 'p1'))).toMatchObject({ type: 'ack', status: 'accepted' });
    await t.core.trading.projected();

    const before = await journalled();
    // The journal's batch is the first to carry this client id (in the command's parameters).
    proxy.muteAfterNextOf('"lost"');
    c.send(place('lost', 'p2'));
    // The batch commits (read past the proxy), but core never hears back.
    await vi.waitFor(async () => expect(await journalled()).toBe(before + 1), { timeout: 10_000, interval: 20 });
    await proxy.cut();
    const answer = await c.next('reject', (f) => f.id === 'p2');
    expect(answer).toMatchObject({
      code: 'CORE_JOURNAL_UNAVAILABLE',
      message: expect.stringMatching(/may or may not/),
    });

    await proxy.open();
    await vi.waitFor(() => expect(t.core.trading.mode).toBe('ready'), { timeout: 10_000, interval: 20 });
    const retried = await c.request(place('lost', 'p3'));
    expect(retried).toMatchObject({ type: 'ack', duplicate: true, clientOrderId: 'lost', status: 'accepted' });
    await t.core.trading.projected();
    const rows =
      await db.sql`select client_order_id from orders where account_id = ${trader.accountId} order by order_id`;
    expect(rows.map((r) => r.client_order_id)).toEqual(['first', 'lost']);
    await c.close();
  });
});
