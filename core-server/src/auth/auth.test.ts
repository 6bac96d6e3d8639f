import { randomUUID } from 'node:crypto';
import { type DbHandle, schema } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { ACCESS_TOKEN_TTL_S, signAccessToken } from '@tradewind/shared/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { metricValue, startTestCore, type TestCore } from '../test-support/test-core';
import { createTestUserSession, generateSigningKeyPem, importSigningKey, signWithDbKey } from '../test-support/tokens';
import { KEY_RELOAD_INTERVAL_MIN_MS } from './key-store';

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

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(t.wsUrl);
  await c.next('hello');
  return c;
}

/** Public data still flows: a subscription is acknowledged and the next step's quote arrives. */
async function expectPublicDataReadable(c: TestClient): Promise<void> {
  expect(await c.request({ op: 'subscribe', id: 'pub', topics: ['bbo.ETH-USD'] })).toMatchObject({ type: 'ack' });
  t.feed.step(1);
  expect((await c.next('bbo')).symbol).toBe('ETH-USD');
}

async function metrics(): Promise<string> {
  return (await fetch(`${t.httpUrl}/metrics`)).text();
}

describe('WebSocket authentication', () => {
  it('accepts a token signed with the database key and answers authed with the user and expiry', async () => {
    const c = await client();
    const userId = randomUUID();
    const token = await signWithDbKey(db, nowS(), userId);
    const answer = await c.request({ op: 'auth', id: 'a1', token });
    expect(answer).toEqual({ type: 'authed', id: 'a1', userId, expiresAtMs: (nowS() + ACCESS_TOKEN_TTL_S) * 1000 });
    expect(await c.request({ op: 'logout', id: 'out' })).toEqual({ type: 'ack', op: 'logout', id: 'out' });
    await c.close();
  });

  it('refuses garbage with AUTH_INVALID_TOKEN and still serves public data', async () => {
    const c = await client();
    expect(await c.request({ op: 'auth', id: 'g', token: 'not.a.jwt' })).toMatchObject({
      type: 'error',
      code: 'AUTH_INVALID_TOKEN',
    });
    await expectPublicDataReadable(c);
    await c.close();
  });

  it('refuses an expired token with AUTH_EXPIRED and still serves public data', async () => {
    const c = await client();
    const token = await signWithDbKey(db, nowS() - ACCESS_TOKEN_TTL_S - 60);
    const before = await metrics();
    expect(await c.request({ op: 'auth', id: 'e', token })).toMatchObject({ type: 'error', code: 'AUTH_EXPIRED' });
    const after = await metrics();
    for (const [name, labels] of [
      ['core_auth_attempts_total', '{outcome="AUTH_EXPIRED"}'],
      ['core_ws_errors_total', '{code="AUTH_EXPIRED"}'],
    ] as const) {
      expect(metricValue(after, name, labels) - metricValue(before, name, labels)).toBe(1);
    }
    await expectPublicDataReadable(c);
    await c.close();
  });

  it('refuses a well-formed token signed by a key the database does not hold', async () => {
    const c = await client();
    const foreign = generateSigningKeyPem();
    const key = await importSigningKey(foreign.privateKeyPem);
    const claims = { userId: randomUUID(), sessionId: randomUUID(), role: 'admin' as const };
    const token = await signAccessToken(claims, { kid: `k-${randomUUID()}`, key }, nowS());
    expect(await c.request({ op: 'auth', id: 'f', token })).toMatchObject({
      type: 'error',
      code: 'AUTH_INVALID_TOKEN',
    });
    await c.close();
  });

  it('reloads keys for an unknown kid (edge rotated its key), at most once per interval', async () => {
    const c = await client();
    const rotated = generateSigningKeyPem();
    const kid = `k-${randomUUID()}`;
    await db.db.insert(schema.signingKeys).values({ kid, alg: 'EdDSA', ...rotated });
    const key = await importSigningKey(rotated.privateKeyPem);
    const claims = { ...(await createTestUserSession(db)), role: 'user' as const };
    const reloadsBefore = metricValue(await metrics(), 'core_auth_key_reloads_total', '{outcome="ok"}');

    t.clock.advance(KEY_RELOAD_INTERVAL_MIN_MS);
    const token = await signAccessToken(claims, { kid, key }, nowS());
    expect(await c.request({ op: 'auth', id: 'r1', token })).toMatchObject({ type: 'authed', userId: claims.userId });
    expect(metricValue(await metrics(), 'core_auth_key_reloads_total', '{outcome="ok"}')).toBe(reloadsBefore + 1);

    // Another unknown kid right after: no second reload inside the interval, and a refusal.
    const other = await signAccessToken(claims, { kid: `k-${randomUUID()}`, key }, nowS());
    expect(await c.request({ op: 'auth', id: 'r2', token: other })).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });
    expect(metricValue(await metrics(), 'core_auth_key_reloads_total', '{outcome="ok"}')).toBe(reloadsBefore + 1);
    await c.close();
  });
});
