import { randomUUID } from 'node:crypto';
import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { INSTRUMENTS } from '@tradewind/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { makeFixture, recordFixture } from '../test-support/recorded-fixture';
import { ReplayRunner } from './replay-runner';
import { REPLAY_IDLE_MS, ReplaySessions } from './replay-sessions';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
let db: DbHandle;
beforeAll(async () => {
  db = await createTestDatabase();
  await recordFixture(db.sql, makeFixture(T0, [0, 1, 2], ['BTC-USD']));
});
afterAll(() => db.close());

it('a session nobody watches or controls is closed after the idle time; a watched one stays', async () => {
  const clock = new ManualClock(T0 + 86_400_000);
  const watched = new Set<string>();
  const published: string[] = [];
  const runner = new ReplayRunner(
    () => 0,
    () => {},
  );
  const sessions = new ReplaySessions({
    sql: db.sql,
    instruments: INSTRUMENTS,
    clock,
    runner,
    output: {
      sinkOf: () => ({ publish: () => {}, publishData: () => {}, serveDepth: () => {} }),
      publish: (topic) => published.push(topic),
    },
    hasSubscribers: (topic) => watched.has(topic),
    log: pino({ level: 'silent' }),
    manual: true,
  });
  try {
    const body = { symbol: 'BTC-USD', fromMs: T0, toMs: T0 + 3_000, speed: 1, paused: true };
    const a = await sessions.start(randomUUID(), body);
    const b = await sessions.start(randomUUID(), body);
    if (!a.ok || !('replay' in a) || !b.ok || !('replay' in b)) throw new Error('start failed');
    watched.add(`bars1s.${b.replay.replaySymbol}`);
    clock.advance(REPLAY_IDLE_MS - 1);
    sessions.reap();
    expect(sessions.size).toBe(2);
    clock.advance(1);
    sessions.reap();
    expect(sessions.size).toBe(1);
    expect(sessions.knows(a.replay.replaySymbol)).toBe(false);
    expect(sessions.knows(b.replay.replaySymbol)).toBe(true);
    // Its viewers learn it stopped: the last status frame on its topic.
    expect(published.filter((t) => t === `replay.${a.replay.replaySymbol}`).length).toBeGreaterThanOrEqual(2);
  } finally {
    sessions.close();
    runner.close();
  }
});
