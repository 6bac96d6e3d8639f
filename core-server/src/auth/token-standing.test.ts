import { connect, type DbHandle, type TokenRevocation } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { CoreMetrics } from '../metrics';
import { TcpProxy } from '../test-support/tcp-proxy';
import { TEST_EPOCH_MS } from '../test-support/test-core';
import { createTestUserSession } from '../test-support/tokens';
import { isCutOff, STANDING_CACHE_TTL_MS, TokenStandings } from './token-standing';

let db: DbHandle;
let proxy: TcpProxy;
let viaProxy: DbHandle;
const clock = new ManualClock(TEST_EPOCH_MS);
let standings: TokenStandings;
const events: (TokenRevocation | 'resync')[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const url = new URL(db.url);
  proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
  await proxy.open();
  url.port = String(proxy.port);
  viaProxy = connect(url.toString(), { max: 2 });
  standings = new TokenStandings(viaProxy.sql, clock, new CoreMetrics(), pino({ level: 'silent' }));
  standings.subscribe((e) => events.push(e));
  await standings.start();
});
afterAll(async () => {
  await standings?.close();
  await viaProxy?.close();
  await proxy?.cut();
  await db?.close();
});

const issuedNow = () => Math.floor(clock.nowMs() / 1000);

async function until(pred: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  // Polling a condition fed by another connection's notifications: there is no one event to await.
  while (!pred()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('TokenStandings', () => {
  it('refuses unknown sessions, sessions of another user, and tokens older than the cut-off', async () => {
    const a = await createTestUserSession(db);
    const b = await createTestUserSession(db);
    expect(await standings.check({ ...a, issuedAtS: issuedNow() })).toBe('ok');
    expect(await standings.check({ userId: b.userId, sessionId: a.sessionId, issuedAtS: issuedNow() })).toBe(
      'AUTH_SESSION_REVOKED',
    );
    expect(await standings.check({ userId: a.userId, sessionId: crypto.randomUUID(), issuedAtS: issuedNow() })).toBe(
      'AUTH_SESSION_REVOKED',
    );
    await db.sql`update users set tokens_valid_after = ${new Date(clock.nowMs()).toISOString()} where id = ${b.userId}`;
    await until(() => events.some((e) => e !== 'resync' && e.userId === b.userId));
    expect(await standings.check({ ...b, issuedAtS: issuedNow() - 1 })).toBe('AUTH_SESSION_REVOKED');
    expect(await standings.check({ ...b, issuedAtS: issuedNow() })).toBe('ok');
  });

  it('drops a cached standing when the session is revoked, before the cache would expire', async () => {
    const a = await createTestUserSession(db);
    const holder = { ...a, issuedAtS: issuedNow() };
    expect(await standings.check(holder)).toBe('ok');
    await db.sql`update sessions set revoked_at = now() where id = ${a.sessionId}`;
    await until(() => events.some((e) => e !== 'resync' && 'sessionId' in e && e.sessionId === a.sessionId));
    expect(await standings.check(holder)).toBe('AUTH_SESSION_REVOKED');
  });

  it('with the database away: a fresh cached standing serves, anything else fails closed; after reconnect it resyncs', async () => {
    const known = { ...(await createTestUserSession(db)), issuedAtS: issuedNow() };
    const unknown = { ...(await createTestUserSession(db)), issuedAtS: issuedNow() };
    expect(await standings.check(known)).toBe('ok');
    await proxy.cut();
    expect(await standings.check(known)).toBe('ok');
    expect(await standings.check(unknown)).toBe('AUTH_UNAVAILABLE');
    clock.advance(STANDING_CACHE_TTL_MS);
    expect(await standings.check(known)).toBe('AUTH_UNAVAILABLE');

    await proxy.open();
    // postgres.js LISTENs again on a new connection; whatever was announced meanwhile may be lost.
    await until(() => events.includes('resync'));
    expect(await standings.check(known)).toBe('ok');
  });

  it('isCutOff: a session revocation hits that session only; a cut-off hits older tokens of that user only', () => {
    const holder = { userId: 'u', sessionId: 's', issuedAtS: 100 };
    expect(isCutOff(holder, { userId: 'u', sessionId: 's' })).toBe(true);
    expect(isCutOff(holder, { userId: 'u', sessionId: 'other' })).toBe(false);
    expect(isCutOff(holder, { userId: 'v', sessionId: 's' })).toBe(false);
    expect(isCutOff(holder, { userId: 'u', validAfterMs: 100_999 })).toBe(false);
    expect(isCutOff(holder, { userId: 'u', validAfterMs: 101_000 })).toBe(true);
    expect(isCutOff(holder, { userId: 'v', validAfterMs: 101_000 })).toBe(false);
  });
});
