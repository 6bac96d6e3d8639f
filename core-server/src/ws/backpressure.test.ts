import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { SIMULATED_INSTRUMENTS } from '@tradewind/shared';
import type { ServerFrame } from '@tradewind/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { metricValue, startTestCore, type TestCore } from '../test-support/test-core';
import { BACKPRESSURE_HARD_BYTES } from './topic-hub';

/** Bounds the loop that feeds a stalled reader until the core notices (a 4 MB send buffer fills in ~1,000 steps). */
const STEPS_TO_SLOW_MAX = 20_000;
const STALL_CLOSE_MS = 2_000;
const ALL_TOPICS = SIMULATED_INSTRUMENTS.flatMap((s) => [
  `trades.${s.instrument.symbol}`,
  `bbo.${s.instrument.symbol}`,
]);

let db: DbHandle;
let t: TestCore;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestCore(db, { stallCloseMs: STALL_CLOSE_MS });
});
afterAll(async () => {
  await t.core.close();
  await db.close();
});

const gauge = async (name: string) => metricValue(await t.core.metrics.registry.metrics(), name);
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** The hub sweeps a batch's sockets on a timer once uWS has written it (sweepAfterWrite). */
const afterSweep = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

async function subscribedClient(): Promise<TestClient> {
  const c = await TestClient.connect(t.wsUrl);
  expect(await c.request({ op: 'subscribe', id: 'all', topics: ALL_TOPICS })).toMatchObject({ type: 'ack' });
  return c;
}

/** Steps the market, letting uWS write between batches, until the core counts another slow consumer. */
async function stepUntilSlow(): Promise<number> {
  const before = await gauge('core_ws_slow_consumer_events_total');
  for (let steps = 0; steps < STEPS_TO_SLOW_MAX; steps += 20) {
    t.feed.step(20);
    await turn();
    await afterSweep();
    if ((await gauge('core_ws_slow_consumer_events_total')) > before) return steps;
  }
  throw new Error(`no slow consumer detected after ${STEPS_TO_SLOW_MAX} steps`);
}

function marketFrames(frames: ServerFrame[]) {
  return frames.flatMap((f) => (f.type === 'trade' || f.type === 'bbo' ? [f] : []));
}

describe('slow consumers', () => {
  it('conflates for a reader that stopped, bounded and counted, while a healthy reader misses nothing', async () => {
    const healthy = await subscribedClient();
    const stalled = await subscribedClient();
    await stalled.flush();
    stalled.socket.pause(); // stops reading from TCP: the kernel buffers fill, then the core's

    const healthySeen: ReturnType<typeof marketFrames> = [];
    const drainHealthy = async () => healthySeen.push(...marketFrames(await healthy.flush()));
    await stepUntilSlow();
    await drainHealthy();
    t.feed.step(50);
    await drainHealthy();

    const text = await t.core.metrics.registry.metrics();
    expect(metricValue(text, 'core_ws_slow_consumers')).toBe(1);
    expect(metricValue(text, 'core_md_frames_dropped_total', '{reason="conflated"}')).toBeGreaterThan(0);
    // Memory per socket stays bounded by uWS's hard limit plus at most one batch.
    expect(metricValue(text, 'core_ws_buffered_bytes_max')).toBeLessThan(BACKPRESSURE_HARD_BYTES + 64 * 1024);
    // The healthy reader got every frame of every topic: no gaps in any seq.
    const lastSeq = new Map<string, number>();
    for (const f of healthySeen) {
      const key = `${f.type}.${f.symbol}`;
      const prev = lastSeq.get(key);
      if (prev !== undefined) expect(f.seq, key).toBe(prev + 1);
      lastSeq.set(key, f.seq);
    }

    // Reading again drains the backlog; the core sends the newest frame per topic and resumes live data.
    stalled.socket.resume();
    await stalled.flush();
    expect(await gauge('core_ws_slow_consumers')).toBe(0);
    t.feed.step(1);
    const live = marketFrames(await stalled.flush());
    // Every step quotes every symbol, so a caught-up reader's newest bbo seq equals the step count.
    const newestBbo = new Map<string, number>();
    for (const f of live) if (f.type === 'bbo') newestBbo.set(f.symbol, Math.max(newestBbo.get(f.symbol) ?? 0, f.seq));
    expect(newestBbo.size).toBe(SIMULATED_INSTRUMENTS.length);
    expect(new Set(newestBbo.values())).toEqual(new Set([t.feed.health().steps]));
    await Promise.all([healthy.close(), stalled.close()]);
  });

  it('closes a reader that stays stalled past the stall bound, and counts it', async () => {
    const stalled = await subscribedClient();
    await stalled.flush();
    const clientsBefore = t.core.clients();
    stalled.socket.pause();
    await stepUntilSlow();
    t.clock.advance(STALL_CLOSE_MS - 1);
    t.feed.step(1);
    await afterSweep();
    expect(t.core.clients()).toBe(clientsBefore);
    t.clock.advance(1);
    t.feed.step(1);
    await afterSweep();
    expect(t.core.clients()).toBe(clientsBefore - 1);
    const text = await t.core.metrics.registry.metrics();
    expect(metricValue(text, 'core_ws_stalled_closed_total')).toBe(1);
    expect(metricValue(text, 'core_ws_slow_consumers')).toBe(0);
    stalled.socket.resume();
    expect((await stalled.closed).code).toBe(1006);
  });
});
