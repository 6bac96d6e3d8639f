import type { DbHandle } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../test-support/test-client';
import { metricValue, startTestCore, type TestCore } from '../test-support/test-core';
import type { HealthReport } from './health';

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

describe('GET /healthz', () => {
  it('reports ok with the connected clients, the feed and the database', async () => {
    const a = await TestClient.connect(t.wsUrl);
    const b = await TestClient.connect(t.wsUrl);
    await Promise.all([a.next('hello'), b.next('hello')]);
    t.feed.step(3);
    const res = await fetch(`${t.httpUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const report = (await res.json()) as HealthReport;
    expect(report).toMatchObject({
      ok: true,
      clients: 2,
      feed: { name: 'simulated', running: true, steps: 3, failing: false },
      db: { reachable: true },
      verificationKeys: 1,
    });
    expect(report.uptimeS).toBeGreaterThanOrEqual(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('tells the truth when the database is gone: 503, db unreachable, market data still flowing', async () => {
    const own = await createTestDatabase();
    const lonely = await startTestCore(own);
    try {
      const c = await TestClient.connect(lonely.wsUrl);
      await c.request({ op: 'subscribe', id: 's', topics: ['bbo.BTC-USD'] });
      await own.close(); // drops the database, cutting the core's connections
      const res = await fetch(`${lonely.httpUrl}/healthz`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as HealthReport).db.reachable).toBe(false);
      lonely.feed.step(1);
      expect((await c.next('bbo')).symbol).toBe('BTC-USD');
      await c.close();
    } finally {
      await lonely.core.close();
    }
  });
});

describe('GET /metrics', () => {
  it('exposes connections, messages, errors by code, published frames and event-loop lag', async () => {
    const c = await TestClient.connect(t.wsUrl);
    await c.next('hello');
    c.send('{bad');
    await c.next('error');
    await c.request({ op: 'subscribe', id: 's', topics: ['trades.BTC-USD'] });
    const before = await (await fetch(`${t.httpUrl}/metrics`)).text();
    t.feed.step(2);
    const res = await fetch(`${t.httpUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(metricValue(text, 'core_ws_connections')).toBe(1);
    expect(metricValue(text, 'core_ws_messages_in_total')).toBeGreaterThanOrEqual(2);
    expect(metricValue(text, 'core_ws_errors_total', '{code="PROTO_MALFORMED"}')).toBeGreaterThanOrEqual(1);
    // Two steps of twelve instruments: 24 quotes, each serialised and published once.
    const bbo = (s: string) => metricValue(s, 'core_md_frames_published_total', '{channel="bbo"}');
    expect(bbo(text) - bbo(before)).toBe(24);
    for (const name of [
      'nodejs_eventloop_lag_p99_seconds',
      'core_uncaught_errors_total',
      'core_md_frames_dropped_total',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    await c.close();
  });

  it('answers 404 for other paths', async () => {
    expect((await fetch(`${t.httpUrl}/nope`)).status).toBe(404);
  });
});
