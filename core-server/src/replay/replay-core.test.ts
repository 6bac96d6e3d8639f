import { randomUUID } from 'node:crypto';
import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { INSTRUMENTS } from '@tradewind/shared';
import {
  REPLAY_INTERNAL_PATHS,
  REPLAY_RANGE_MS_MAX,
  REPLAY_REST_PATHS,
  REPLAY_SESSIONS_PER_USER_MAX,
  type ReplayAnswer,
  type ReplayView,
  replayTopicsOf,
} from '@tradewind/shared/protocol';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore } from '../core';
import { makeFixture, recordFixture } from '../test-support/recorded-fixture';
import { TestClient } from '../test-support/test-client';
import { metricValue, startTestCore, TEST_EPOCH_MS, TEST_ORIGIN, type TestCore } from '../test-support/test-core';
import { signWithDbKey } from '../test-support/tokens';
import { ReplayFeed } from './replay-feed';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const SERVICE_TOKEN = 'replay-test-service-token-0123';
const fixture = makeFixture(
  T0,
  Array.from({ length: 30 }, (_, i) => i),
  ['BTC-USD', 'ETH-USD'],
);

let db: DbHandle;
let t: TestCore;
const userA = randomUUID();
const userB = randomUUID();
const tokens: Record<string, string> = {};
beforeAll(async () => {
  db = await createTestDatabase();
  await recordFixture(db.sql, fixture);
  t = await startTestCore(db, { serviceToken: SERVICE_TOKEN });
  const nowS = Math.floor(TEST_EPOCH_MS / 1000);
  tokens[userA] = await signWithDbKey(db, nowS, userA);
  tokens[userB] = await signWithDbKey(db, nowS, userB);
});
afterAll(async () => {
  await t.core.close();
  await db.close();
});

async function rest(user: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${t.httpUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as ReplayAnswer };
}
const start = (user: string, body: unknown) => rest(user, 'POST', REPLAY_REST_PATHS.start, body);
const control = (user: string, body: unknown) => rest(user, 'POST', REPLAY_REST_PATHS.control, body);
const viewOf = (a: ReplayAnswer): ReplayView => {
  if (!a.ok || !('replay' in a)) throw new Error(`not a replay: ${JSON.stringify(a)}`);
  return a.replay;
};

describe('replay sessions through core', () => {
  it.each([
    [{ symbol: 'NOPE-USD', fromMs: T0, toMs: T0 + 30_000, speed: 1 }, 'REPLAY_UNKNOWN_SYMBOL', 400],
    [{ symbol: 'btc', fromMs: T0, toMs: T0 + 30_000, speed: 1 }, 'REPLAY_UNKNOWN_SYMBOL', 400],
    [{ symbol: 'BTC-USD', fromMs: T0 + 30_000, toMs: T0, speed: 1 }, 'REPLAY_BAD_RANGE', 400],
    [{ symbol: 'BTC-USD', fromMs: TEST_EPOCH_MS + 1, toMs: TEST_EPOCH_MS + 9, speed: 1 }, 'REPLAY_BAD_RANGE', 400],
    [{ symbol: 'BTC-USD', fromMs: -1, toMs: T0, speed: 1 }, 'REPLAY_BAD_RANGE', 400],
    [{ symbol: 'BTC-USD', fromMs: T0 - REPLAY_RANGE_MS_MAX - 1, toMs: T0, speed: 1 }, 'REPLAY_RANGE_TOO_LARGE', 400],
    [{ symbol: 'BTC-USD', fromMs: T0, toMs: T0 + 30_000, speed: 0 }, 'REPLAY_BAD_SPEED', 400],
    [{ symbol: 'BTC-USD', fromMs: T0, toMs: T0 + 30_000, speed: 1.5 }, 'REPLAY_BAD_SPEED', 400],
    [{ symbol: 'BTC-USD', fromMs: T0, toMs: T0 + 30_000, speed: 'fast' }, 'REPLAY_BAD_SPEED', 400],
    [{ symbol: 'BTC-USD', fromMs: T0, toMs: T0 + 30_000, speed: 1, extra: 1 }, 'REPLAY_INVALID', 400],
    [{ symbol: 'AAPL', fromMs: T0, toMs: T0 + 30_000, speed: 1 }, 'REPLAY_NO_DATA', 422],
    [{ symbol: 'BTC-USD', fromMs: T0 - 86_400_000, toMs: T0, speed: 1 }, 'REPLAY_NO_DATA', 422],
  ])('refuses %o with %s', async (body, code, status) => {
    const answer = await start(userA, body);
    expect(answer).toMatchObject({ status, body: { ok: false, code } });
    expect((await rest(userA, 'GET', REPLAY_REST_PATHS.list)).body).toEqual({ ok: true, replays: [] });
  });

  it('refuses a caller without a token, and the internal API without the service token', async () => {
    const res = await fetch(`${t.httpUrl}${REPLAY_REST_PATHS.list}`);
    expect(res.status).toBe(401);
    const internal = await fetch(`${t.httpUrl}${REPLAY_INTERNAL_PATHS.list}`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong-token-wrong-token' },
      body: JSON.stringify({ userId: userA }),
    });
    expect(await internal.json()).toMatchObject({ ok: false, code: 'REPLAY_AUTH_REQUIRED' });
  });

  it('plays a past day on its own topics at max speed; the live topics never see it', async () => {
    const live = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
    const watcher = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
    await live.request({ op: 'subscribe', id: 'l', topics: ['trades.BTC-USD', 'bbo.BTC-USD', 'bars1s.BTC-USD'] });
    const body = { symbol: 'BTC-USD', fromMs: T0, toMs: T0 + 30_000, speed: 'max', paused: true };
    const started = viewOf((await start(userA, body)).body);
    expect(started).toMatchObject({ symbol: 'BTC-USD', state: 'paused', positionMs: T0, speed: 'max' });
    expect(started.replaySymbol).toBe(`BTC-USD@${started.id}`);
    const topics = replayTopicsOf(started.replaySymbol);
    expect(await watcher.request({ op: 'subscribe', id: 's', topics })).toMatchObject({ type: 'ack', topics });
    // A new subscriber gets the current status at once.
    expect(await watcher.next('replay')).toMatchObject({ symbol: started.replaySymbol, state: 'paused' });
    viewOf((await control(userA, { action: 'play', id: started.id })).body);
    const frames = await watcher.until((f) => f.type === 'replay' && f.state === 'ended');
    const ended = frames.at(-1);
    expect(ended).toMatchObject({ type: 'replay', positionMs: T0 + 30_000, events: 30 * (3 + 2 + 1) });
    const trades = frames.filter((f) => f.type === 'trade');
    const btc = fixture.trades.filter((x) => x.symbol === 'BTC-USD');
    expect(trades.map((f) => f.type === 'trade' && [f.symbol, f.ts, f.side])).toEqual(
      btc.map((x) => [started.replaySymbol, x.tsMs, x.aggressor]),
    );
    expect(trades.map((f) => f.type === 'trade' && f.seq)).toEqual(btc.map((_, i) => i + 1));
    expect(frames.filter((f) => f.type === 'bar')).toHaveLength(30);
    expect(frames.filter((f) => f.type === 'bbo')).toHaveLength(60);
    const metrics = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metricValue(metrics, 'core_replay_sessions', '{state="ended"}')).toBe(1);
    // Nothing of the replay reached the live market's topics.
    expect((await live.flush()).filter((f) => f.type !== 'ack')).toEqual([]);
    await live.close();
    await watcher.close();
  });

  it('controls belong to the owner (another user gets NOT_FOUND), and the limits hold', async () => {
    const body = { symbol: 'ETH-USD', fromMs: T0, toMs: T0 + 30_000, speed: 1, paused: true };
    const mine = viewOf((await start(userB, body)).body);
    for (const action of ['play', 'pause', 'stop'] as const) {
      expect(await control(userA, { action, id: mine.id })).toMatchObject({
        status: 404,
        body: { code: 'REPLAY_NOT_FOUND' },
      });
    }
    expect(await control(userB, { action: 'speed', id: mine.id, speed: 1001 })).toMatchObject({
      body: { code: 'REPLAY_BAD_SPEED' },
    });
    expect(await control(userB, { action: 'seek', id: mine.id, positionMs: T0 + 31_000 })).toMatchObject({
      body: { code: 'REPLAY_BAD_RANGE' },
    });
    expect(
      viewOf((await control(userB, { action: 'seek', id: mine.id, positionMs: T0 + 10_000 })).body).positionMs,
    ).toBe(T0 + 10_000);
    expect(viewOf((await control(userB, { action: 'speed', id: mine.id, speed: 10 })).body).speed).toBe(10);
    const listed = (await rest(userB, 'GET', REPLAY_REST_PATHS.list)).body;
    expect(listed).toMatchObject({ ok: true, replays: [{ id: mine.id, state: 'paused' }] });
    // Up to the per-user limit, then a typed refusal.
    for (let i = 1; i < REPLAY_SESSIONS_PER_USER_MAX; i++) expect((await start(userB, body)).status).toBe(200);
    expect(await start(userB, body)).toMatchObject({ status: 429, body: { code: 'REPLAY_TOO_MANY' } });
    expect(viewOf((await control(userB, { action: 'stop', id: mine.id })).body).state).toBe('stopped');
    expect(await control(userB, { action: 'play', id: mine.id })).toMatchObject({ status: 404 });
    // A stopped session's topics are gone: subscribing is refused like an unknown symbol.
    const c = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
    const refused = await c.request({ op: 'subscribe', id: 'x', topics: [`trades.${mine.replaySymbol}`] });
    expect(refused).toMatchObject({ type: 'error', code: 'MD_UNKNOWN_SYMBOL' });
    await c.close();
  });

  it('the internal API (edge) starts, lists and controls sessions for a user', async () => {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${t.httpUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as ReplayAnswer;
    };
    const userC = randomUUID();
    const body = { userId: userC, symbol: 'BTC-USD', fromMs: T0, toMs: T0 + 5_000, speed: 10 };
    const started = viewOf(await post(REPLAY_INTERNAL_PATHS.start, body));
    expect(await post(REPLAY_INTERNAL_PATHS.list, { userId: userC })).toMatchObject({ replays: [{ id: started.id }] });
    expect(await post(REPLAY_INTERNAL_PATHS.control, { userId: userA, action: 'pause', id: started.id })).toMatchObject(
      {
        code: 'REPLAY_NOT_FOUND',
      },
    );
    expect(await post(REPLAY_INTERNAL_PATHS.control, { userId: userC, action: 'pause', id: started.id })).toMatchObject(
      {
        ok: true,
        replay: { state: 'paused' },
      },
    );
    expect(await post(REPLAY_INTERNAL_PATHS.start, { symbol: 'BTC-USD' })).toMatchObject({ code: 'REPLAY_INVALID' });
  });
});

describe('MARKET_SOURCE=replay', () => {
  const config = () => ({
    databaseUrl: db.url,
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: [TEST_ORIGIN],
    simSeed: 1,
    simTicksPerSecond: 1,
    simSymbols: ['BTC-USD', 'ETH-USD'],
    marketSource: 'replay' as const,
    replay: { fromMs: T0, toMs: T0 + 30_000, speed: 'max' as const },
    logLevel: 'silent' as const,
  });

  it('the config runs the replay feed on the live topics, to the end of the range', async () => {
    const core = await startCore(config(), { logger: pino({ level: 'silent' }) });
    try {
      expect(core.feed.name).toBe('replay');
      const c = await TestClient.connect(`ws://127.0.0.1:${core.port}/v1/ws`, { origin: TEST_ORIGIN });
      await c.request({ op: 'subscribe', id: 's', topics: ['bars1s.ETH-USD'] });
      // Joining late is fine: a subscriber first gets the topic's newest frame.
      await c.next('bar', (f) => f.openTimeMs === T0 + 29_000);
      await c.close();
    } finally {
      await core.close();
    }
  });

  it('the same range gives the same frames, run after run', async () => {
    const run = async () => {
      const feed = new ReplayFeed({
        sql: db.sql,
        instruments: INSTRUMENTS.filter((i) => i.symbol === 'ETH-USD' || i.symbol === 'BTC-USD'),
        fromMs: T0,
        toMs: T0 + 30_000,
        speed: 'max',
        manual: true,
      });
      const core = await startCore(config(), { logger: pino({ level: 'silent' }), feed });
      try {
        const c = await TestClient.connect(`ws://127.0.0.1:${core.port}/v1/ws`, { origin: TEST_ORIGIN });
        await c.request({ op: 'subscribe', id: 's', topics: ['trades.ETH-USD', 'bbo.ETH-USD', 'bars1s.ETH-USD'] });
        while (feed.state === 'playing') await feed.tick(50);
        const frames = await c.flush();
        await c.close();
        return frames;
      } finally {
        await core.close();
      }
    };
    const first = await run();
    expect(first.filter((f) => f.type === 'trade').map((f) => f.type === 'trade' && f.ts)).toEqual(
      fixture.trades.filter((x) => x.symbol === 'ETH-USD').map((x) => x.tsMs),
    );
    expect(first.filter((f) => f.type === 'bar')).toHaveLength(30);
    expect(await run()).toEqual(first);
  });
});
