import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { type InstrumentSymbol, makeInstrument, type SimulatedInstrument } from '@tradewind/shared';
import { SUBSCRIPTIONS_PER_SOCKET_MAX, TOPICS_PER_MESSAGE_MAX } from '@tradewind/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { metricValue, startTestCore, TEST_ORIGIN, type TestCore } from '../test-support/test-core';

/** Enough instruments for more topics than a socket may hold (two channels each). */
const INSTRUMENT_COUNT = SUBSCRIPTIONS_PER_SOCKET_MAX / 2 + 1;
const instruments: SimulatedInstrument[] = Array.from({ length: INSTRUMENT_COUNT }, (_, i) => ({
  instrument: makeInstrument({
    symbol: `T${i}` as InstrumentSymbol,
    kind: 'stock',
    base: `T${i}`,
    quote: 'USD',
    tickSize: '0.01',
    lotSize: '1',
    minQtyLots: 1,
    minNotionalMinor: 100,
  }),
  startPriceTicks: 10_000 + i,
  volatilityBps: 2,
}));
const allTopics = instruments.flatMap((s) => [`trades.${s.instrument.symbol}`, `bbo.${s.instrument.symbol}`]);

let db: DbHandle;
let t: TestCore;
beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestCore(db, { instruments });
});
afterAll(async () => {
  await t.core.close();
  await db.close();
});

async function subscribeInChunks(c: TestClient, topics: string[]): Promise<void> {
  for (let i = 0; i < topics.length; i += TOPICS_PER_MESSAGE_MAX) {
    const answer = await c.request({
      op: 'subscribe',
      id: `c${i}`,
      topics: topics.slice(i, i + TOPICS_PER_MESSAGE_MAX),
    });
    expect(answer).toMatchObject({ type: 'ack', op: 'subscribe' });
  }
}

describe('subscription limits', () => {
  it(`holds ${SUBSCRIPTIONS_PER_SOCKET_MAX} topics and refuses the next with PROTO_TOO_MANY_SUBSCRIPTIONS, changing nothing`, async () => {
    const c = await TestClient.connect(t.wsUrl);
    const atLimit = allTopics.slice(0, SUBSCRIPTIONS_PER_SOCKET_MAX);
    // The two topics past the limit: bbo (printed every step) goes in later, trades never does.
    const [over2, over1] = allTopics.slice(SUBSCRIPTIONS_PER_SOCKET_MAX);
    expect(over1 && over2).toBeTruthy();
    await subscribeInChunks(c, atLimit);
    // Re-subscribing held topics is idempotent and does not count twice.
    expect(await c.request({ op: 'subscribe', id: 'again', topics: atLimit.slice(0, 3) })).toMatchObject({
      type: 'ack',
    });
    const refused = await c.request({ op: 'subscribe', id: 'over', topics: [String(over1)] });
    expect(refused).toMatchObject({ type: 'error', code: 'PROTO_TOO_MANY_SUBSCRIPTIONS' });
    // One out, one in: back at the limit, which is allowed.
    await c.request({ op: 'unsubscribe', id: 'u', topics: [String(atLimit[0])] });
    expect(await c.request({ op: 'subscribe', id: 'in', topics: [String(over1)] })).toMatchObject({ type: 'ack' });
    // Nothing was subscribed by the refused message: the socket gets frames for its topics only.
    await c.flush();
    t.feed.step(3);
    const held = new Set([...atLimit.slice(1), String(over1)]);
    const seen = new Set(
      (await c.flush()).flatMap((f) =>
        f.type === 'trade' ? [`trades.${f.symbol}`] : f.type === 'bbo' ? [`bbo.${f.symbol}`] : [],
      ),
    );
    expect([...seen].filter((topic) => !held.has(topic))).toEqual([]);
    expect(seen.has(String(over1))).toBe(true);
    expect(seen.has(String(over2))).toBe(false);
    await c.close();
  });

  it(`refuses a message naming more than ${TOPICS_PER_MESSAGE_MAX} topics with PROTO_INVALID`, async () => {
    const c = await TestClient.connect(t.wsUrl);
    const over = await c.request({ op: 'subscribe', id: 'm', topics: allTopics.slice(0, TOPICS_PER_MESSAGE_MAX + 1) });
    expect(over).toMatchObject({ type: 'error', code: 'PROTO_INVALID' });
    const at = await c.request({ op: 'subscribe', id: 'n', topics: allTopics.slice(0, TOPICS_PER_MESSAGE_MAX) });
    expect(at).toMatchObject({ type: 'ack' });
    await c.close();
  });
});

describe('the Origin allow-list', () => {
  it('refuses an upgrade from an origin not on the list with 403 and counts it', async () => {
    await expect(TestClient.connect(t.wsUrl, { origin: 'https://evil.example' })).rejects.toThrow(
      'upgrade refused: 403',
    );
    await expect(TestClient.connect(t.wsUrl, { origin: 'null' })).rejects.toThrow('upgrade refused: 403');
    const text = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metricValue(text, 'core_ws_upgrades_refused_total', '{reason="origin"}')).toBe(2);
  });

  it('accepts an allowed origin, and a client that sends none (not a browser)', async () => {
    const browser = await TestClient.connect(t.wsUrl, { origin: TEST_ORIGIN });
    expect((await browser.next('hello')).type).toBe('hello');
    const script = await TestClient.connect(t.wsUrl);
    expect((await script.next('hello')).type).toBe('hello');
    await browser.close();
    await script.close();
  });
});
