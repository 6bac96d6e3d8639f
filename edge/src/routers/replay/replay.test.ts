import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreProcess, startCoreProcess } from '../../test-support/core-process';
import { registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';

/**
 * Replay through edge against the real core (a child process on the same database, as under
 * the supervisor): recorded rows in, sessions started, controlled and listed per user, every
 * refusal typed. Core's own tests cover playback; these cover the path and the mapping.
 */
const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
let edge: TestEdge;
let offline: TestEdge;
let core: CoreProcess;

beforeAll(async () => {
  const db = await createTestDatabase();
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let s = 0; s < 20; s++) {
    const t = T0 + s * 1000;
    await db.sql`insert into market_trades (symbol, ts, seq, price_ticks, qty_lots, aggressor)
      values ('BTC-USD', ${iso(t + 200)}, ${s + 1}, ${9_650_000 + s}, 1, 'buy')`;
    await db.sql`insert into market_bars (symbol, interval, source, open_time, open_ticks, high_ticks, low_ticks, close_ticks, volume_lots, trade_count)
      values ('BTC-USD', '1s', 'recorded', ${iso(t)}, ${9_650_000 + s}, ${9_650_000 + s}, ${9_650_000 + s}, ${9_650_000 + s}, 1, 1)`;
  }
  await db.sql`insert into market_bars (symbol, interval, source, open_time, open_ticks, high_ticks, low_ticks, close_ticks, volume_lots, trade_count)
    values ('BTC-USD', '1d', 'recorded', ${iso(Date.UTC(2026, 10, 20))}, 9650000, 9650019, 9650000, 9650019, 20, 20)`;
  core = await startCoreProcess(db.url);
  edge = await startTestEdge({ coreInternal: core.internal, db });
  offline = await startTestEdge();
}, 90_000);
afterAll(async () => {
  await core?.stop();
  await edge?.close();
  await offline?.close();
});

async function trader(e = edge) {
  const client = e.client();
  await registerAndSignIn(client);
  return client.trpc.replay;
}

test('a user starts a replay of a recorded day, controls it, lists it; another user cannot touch it', async () => {
  const alice = await trader();
  const bob = await trader();
  // The core under test also runs the simulated market and records today's trades, so today
  // may be listed too; the recorded day must be there, exactly.
  expect(await alice.days.query({ symbol: 'BTC-USD' })).toContainEqual({
    day: '2026-11-20',
    fromMs: Date.UTC(2026, 10, 20),
    trades: 20,
  });
  const r = await alice.start.mutate({ symbol: 'BTC-USD', fromMs: T0, toMs: T0 + 20_000, speed: 10, paused: true });
  expect(r).toMatchObject({ symbol: 'BTC-USD', replaySymbol: `BTC-USD@${r.id}`, state: 'paused', speed: 10 });
  expect(await alice.control.mutate({ action: 'speed', id: r.id, speed: 'max' })).toMatchObject({ speed: 'max' });
  expect(await alice.control.mutate({ action: 'seek', id: r.id, positionMs: T0 + 5_000 })).toMatchObject({
    positionMs: T0 + 5_000,
  });
  expect((await alice.list.query()).map((v) => v.id)).toEqual([r.id]);
  expect(await bob.list.query()).toEqual([]);
  const stolen = await rejection(bob.control.mutate({ action: 'pause', id: r.id }));
  expect(stolen.data).toMatchObject({ code: 'NOT_FOUND', reason: 'REPLAY_NOT_FOUND' });
  expect(await alice.control.mutate({ action: 'stop', id: r.id })).toMatchObject({ state: 'stopped' });
  expect(await alice.list.query()).toEqual([]);
});

test('refusals are typed: unknown symbol, no data, reversed or enormous range, bad speed, core away', async () => {
  const t = await trader();
  const at = (p: Promise<unknown>) => rejection(p).then((e) => [e.data?.code, e.data?.reason]);
  const base = { symbol: 'BTC-USD', fromMs: T0, toMs: T0 + 20_000, speed: 1 as const };
  expect(await at(t.start.mutate({ ...base, symbol: 'NOPE-USD' }))).toEqual(['BAD_REQUEST', 'REPLAY_UNKNOWN_SYMBOL']);
  expect(await at(t.start.mutate({ ...base, symbol: 'ETH-USD' }))).toEqual(['UNPROCESSABLE_CONTENT', 'REPLAY_NO_DATA']);
  expect(await at(t.start.mutate({ ...base, fromMs: T0 + 20_000, toMs: T0 }))).toEqual([
    'BAD_REQUEST',
    'REPLAY_BAD_RANGE',
  ]);
  expect(await at(t.start.mutate({ ...base, fromMs: T0 - 8 * 86_400_000 }))).toEqual([
    'BAD_REQUEST',
    'REPLAY_RANGE_TOO_LARGE',
  ]);
  // The shared schema refuses a bad speed at edge's door, before core is asked.
  expect((await at(t.start.mutate({ ...base, speed: 0 as 1 })))[0]).toBe('BAD_REQUEST');
  const away = await trader(offline);
  expect(await at(away.start.mutate(base))).toEqual(['SERVICE_UNAVAILABLE', 'REPLAY_UNAVAILABLE']);
  const anonymous = edge.client().trpc.replay;
  expect((await at(anonymous.list.query()))[0]).toBe('UNAUTHORIZED');
});
