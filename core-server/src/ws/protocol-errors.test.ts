import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import {
  FRAME_BYTES_HARD_MAX,
  FRAME_BYTES_MAX,
  MESSAGES_PER_SECOND_MAX,
  PROTOCOL_VERSION,
  SUBSCRIPTIONS_PER_SOCKET_MAX,
} from '@tradewind/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { startTestCore, type TestCore } from '../test-support/test-core';
import { RATE_LIMITED_STREAK_MAX } from './dispatch';

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

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(t.wsUrl);
  await c.next('hello');
  return c;
}

/** An auth frame of exactly `bytes` bytes (the token is padding that fails verification). */
function authFrameOf(bytes: number): string {
  const empty = JSON.stringify({ op: 'auth', id: 'big', token: '' });
  return JSON.stringify({ op: 'auth', id: 'big', token: 'a'.repeat(bytes - empty.length) });
}

describe('the WebSocket protocol under bad input', () => {
  it('greets with hello announcing the version and the limits', async () => {
    const c = await TestClient.connect(t.wsUrl);
    const hello = await c.next('hello');
    expect(hello.v).toBe(PROTOCOL_VERSION);
    expect(hello.limits).toEqual({
      frameBytesMax: FRAME_BYTES_MAX,
      subscriptionsMax: SUBSCRIPTIONS_PER_SOCKET_MAX,
      messagesPerSecondMax: MESSAGES_PER_SECOND_MAX,
    });
    await c.close();
  });

  it('answers malformed frames with PROTO_MALFORMED and stays usable', async () => {
    const c = await client();
    for (const bad of ['{not json', '[1,2]', '"text"', 'null', '']) {
      c.send(bad);
      expect((await c.next('error')).code).toBe('PROTO_MALFORMED');
    }
    c.send(Buffer.from('{"op":"ping"}'), true);
    expect((await c.next('error')).code).toBe('PROTO_MALFORMED');
    expect(await c.request({ op: 'ping', id: 'p' })).toMatchObject({ type: 'pong', id: 'p' });
    await c.close();
  });

  it('answers an unknown op with PROTO_UNKNOWN_OP echoing the id, and invalid fields with PROTO_INVALID', async () => {
    const c = await client();
    c.send({ op: 'launch', id: 'u1' });
    expect(await c.next('error')).toMatchObject({ code: 'PROTO_UNKNOWN_OP', id: 'u1' });
    c.send({ op: 'subscribe', id: 'v1', topics: [] });
    expect(await c.next('error')).toMatchObject({ code: 'PROTO_INVALID', id: 'v1' });
    c.send({ op: 'subscribe', id: 'v2', topics: ['candles.BTC-USD'] });
    expect(await c.next('error')).toMatchObject({ code: 'PROTO_INVALID', id: 'v2' });
    c.send({ op: 'ping', id: 'v3', extra: true });
    expect(await c.next('error')).toMatchObject({ code: 'PROTO_INVALID', id: 'v3' });
    expect(await c.request({ op: 'ping', id: 'p' })).toMatchObject({ type: 'pong' });
    await c.close();
  });

  it('reads a frame of FRAME_BYTES_MAX bytes and refuses one byte more with PROTO_TOO_LARGE, staying open', async () => {
    const c = await client();
    c.send(authFrameOf(FRAME_BYTES_MAX));
    expect(await c.next('error')).toMatchObject({ id: 'big', code: 'AUTH_INVALID_TOKEN' });
    c.send(authFrameOf(FRAME_BYTES_MAX + 1));
    expect((await c.next('error')).code).toBe('PROTO_TOO_LARGE');
    expect(await c.request({ op: 'ping', id: 'after' })).toMatchObject({ type: 'pong' });
    await c.close();
  });

  it('answers a frame of FRAME_BYTES_HARD_MAX bytes with PROTO_TOO_LARGE and drops the connection on one byte more', async () => {
    const c = await client();
    c.send('x'.repeat(FRAME_BYTES_HARD_MAX));
    expect((await c.next('error')).code).toBe('PROTO_TOO_LARGE');
    expect(await c.request({ op: 'ping', id: 'still' })).toMatchObject({ type: 'pong' });
    c.send('x'.repeat(FRAME_BYTES_HARD_MAX + 1));
    // uWS drops the TCP connection without a close frame, which a client reports as 1006.
    expect((await c.closed).code).toBe(1006);
    expect(t.core.clients()).toBe(0);
  });

  it('rate-limits at MESSAGES_PER_SECOND_MAX per socket and recovers as tokens refill', async () => {
    const c = await client();
    for (let i = 0; i < MESSAGES_PER_SECOND_MAX; i++) c.send({ op: 'ping', id: `r${i}` });
    c.send({ op: 'ping', id: 'over' });
    const frames = await c.until((f) => f.type === 'error');
    expect(frames.filter((f) => f.type === 'pong')).toHaveLength(MESSAGES_PER_SECOND_MAX);
    expect(frames.at(-1)).toMatchObject({ type: 'error', code: 'PROTO_RATE_LIMITED' });
    t.clock.advance(1_000);
    expect(await c.request({ op: 'ping', id: 'refilled' })).toMatchObject({ type: 'pong' });
    await c.close();
  });

  it(`closes a socket (1008) after ${RATE_LIMITED_STREAK_MAX} refused messages in a row, not before`, async () => {
    const c = await client();
    for (let i = 0; i < MESSAGES_PER_SECOND_MAX + RATE_LIMITED_STREAK_MAX; i++) c.send({ op: 'ping', id: `s${i}` });
    for (let i = 0; i < RATE_LIMITED_STREAK_MAX; i++) expect((await c.next('error')).code).toBe('PROTO_RATE_LIMITED');
    t.clock.advance(1_000);
    expect(await c.request({ op: 'ping', id: 'alive' })).toMatchObject({ type: 'pong' });
    for (let i = 0; i < MESSAGES_PER_SECOND_MAX + RATE_LIMITED_STREAK_MAX + 1; i++) c.send({ op: 'ping' });
    expect((await c.closed).code).toBe(1008);
  });

  it('refuses subscriptions to unknown symbols with MD_UNKNOWN_SYMBOL and subscribes nothing of that message', async () => {
    const c = await client();
    const answer = await c.request({ op: 'subscribe', id: 'x', topics: ['trades.BTC-USD', 'trades.NOPE-USD'] });
    expect(answer).toMatchObject({ type: 'error', code: 'MD_UNKNOWN_SYMBOL' });
    t.feed.step(3);
    expect((await c.flush()).filter((f) => f.type === 'trade' || f.type === 'bbo')).toEqual([]);
    await c.close();
  });
});
