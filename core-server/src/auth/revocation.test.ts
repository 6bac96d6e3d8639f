import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { WS_CLOSE_SESSION_REVOKED } from '@tradewind/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { metricValue, startTestCore, type TestCore } from '../test-support/test-core';
import { createTrader, type TestTrader } from '../test-support/trading-users';

/** RELIABILITY S2: logout or a password change cuts off access tokens at the core too. */
const CLOSE_WITHIN_MS = 1_000;

let db: DbHandle;
let t: TestCore;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestCore(db);
});
afterAll(async () => {
  await t.core.close();
  await db.close();
});

const nowS = () => Math.floor(t.clock.nowMs() / 1000);
const sidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as { sid: string }).sid;

async function authedSocket(token: string): Promise<TestClient> {
  const c = await TestClient.connect(t.wsUrl);
  await c.next('hello');
  expect(await c.request({ op: 'auth', id: 'a', token })).toMatchObject({ type: 'authed' });
  return c;
}

async function readOrders(trader: TestTrader, token: string): Promise<{ status: number; code?: string }> {
  const r = await fetch(`${t.httpUrl}/v1/accounts/${trader.accountId}/orders`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await r.json()) as { code?: string };
  return { status: r.status, ...(body.code === undefined ? {} : { code: body.code }) };
}

/** Resolves with the close and how long after `sinceMs` it came. */
async function closedWithin(c: TestClient, sinceMs: number) {
  const closed = await Promise.race([
    c.closed,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CLOSE_WITHIN_MS * 3)),
  ]);
  return { closed, afterMs: performance.now() - sinceMs };
}

describe('a revoked session (logout)', () => {
  it("closes the session's sockets within a second, and REST and a new WS auth refuse its token", async () => {
    const trader = await createTrader(db);
    const token = await trader.token(nowS());
    const other = await trader.token(nowS()); // another device of the same user: not logged out
    const [mine, theirs] = [await authedSocket(token), await authedSocket(other)];
    const anonymous = await TestClient.connect(t.wsUrl);
    await anonymous.next('hello');
    expect(await readOrders(trader, token)).toEqual({ status: 200 });

    const start = performance.now();
    await db.sql`update sessions set revoked_at = now(), revoke_reason = 'logout' where id = ${sidOf(token)}`;
    const { closed, afterMs } = await closedWithin(mine, start);
    expect(closed).toEqual({ code: WS_CLOSE_SESSION_REVOKED, reason: 'session revoked' });
    expect(afterMs).toBeLessThan(CLOSE_WITHIN_MS);

    expect(await readOrders(trader, token)).toEqual({ status: 401, code: 'AUTH_SESSION_REVOKED' });
    const again = await TestClient.connect(t.wsUrl);
    await again.next('hello');
    expect(await again.request({ op: 'auth', id: 'x', token })).toMatchObject({
      type: 'error',
      code: 'AUTH_SESSION_REVOKED',
    });
    // The other session, and public data on an anonymous socket, go on.
    expect(await theirs.request({ op: 'ping', id: 'p' })).toMatchObject({ type: 'pong' });
    expect(await anonymous.request({ op: 'ping', id: 'p' })).toMatchObject({ type: 'pong' });
    expect(await readOrders(trader, other)).toEqual({ status: 200 });
    // A fresh login (a new session) works.
    expect(await readOrders(trader, await trader.token(nowS()))).toEqual({ status: 200 });
    for (const c of [theirs, anonymous, again]) await c.close();
  });
});

describe('a moved tokens_valid_after (password change, logout everywhere)', () => {
  it('closes every socket of the user authenticated before it, and refuses older tokens only', async () => {
    const trader = await createTrader(db);
    const bystander = await createTrader(db);
    const first = await trader.token(nowS());
    const second = await trader.token(nowS());
    const sockets = [await authedSocket(first), await authedSocket(second)];
    const unrelated = await authedSocket(await bystander.token(nowS()));
    const revokedBefore = metricValue(
      await (await fetch(`${t.httpUrl}/metrics`)).text(),
      'core_ws_sockets_revoked_total',
    );

    t.clock.advance(2_000);
    const cutOff = new Date(t.clock.nowMs()).toISOString();
    const start = performance.now();
    await db.sql`update users set tokens_valid_after = ${cutOff} where id = ${trader.userId}`;
    for (const c of sockets) {
      const { closed, afterMs } = await closedWithin(c, start);
      expect(closed?.code).toBe(WS_CLOSE_SESSION_REVOKED);
      expect(afterMs).toBeLessThan(CLOSE_WITHIN_MS);
    }
    const metrics = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metricValue(metrics, 'core_ws_sockets_revoked_total') - revokedBefore).toBe(2);
    expect(await readOrders(trader, first)).toEqual({ status: 401, code: 'AUTH_SESSION_REVOKED' });
    expect(await unrelated.request({ op: 'ping', id: 'p' })).toMatchObject({ type: 'pong' });
    // A token issued at or after the cut-off (a sign-in after the password change) works.
    const fresh = await trader.token(nowS());
    expect(await readOrders(trader, fresh)).toEqual({ status: 200 });
    const reconnected = await authedSocket(fresh);
    await reconnected.close();
    await unrelated.close();
  });
});
