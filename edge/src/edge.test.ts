import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REQUEST_BODY_BYTES_MAX, TRPC_BATCH_SIZE_MAX } from './edge';
import { startEdgeServer } from './http/node-host';
import { startTestEdge, type TestEdge } from './test-support/edge-harness';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

test('/healthz is 200 while the database answers', async () => {
  const response = await fetch(`${edge.url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', db: 'up' });
});

test('/metrics exposes Prometheus text with request and error counters', async () => {
  await fetch(`${edge.url}/trpc/auth.me`);
  const response = await fetch(`${edge.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toContain('text/plain');
  const body = await response.text();
  expect(body).toMatch(/edge_http_requests_total\{route="trpc",status="401"\} [1-9]/);
  expect(body).toMatch(/edge_trpc_errors_total\{code="UNAUTHORIZED"\} [1-9]/);
  expect(body).toContain('edge_uncaught_errors_total');
  expect(body).toContain('edge_process_cpu_seconds_total');
});

test('tRPC answers are never cacheable', async () => {
  const response = await fetch(`${edge.url}/trpc/market.instruments`);
  expect(response.status).toBe(200);
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
});

test(`a batch of ${TRPC_BATCH_SIZE_MAX} calls is served; one more is refused with 400`, async () => {
  const batch = (n: number) =>
    fetch(
      `${edge.url}/trpc/${Array(n).fill('market.instruments').join(',')}?batch=1&input=${encodeURIComponent('{}')}`,
    );
  const atLimit = await batch(TRPC_BATCH_SIZE_MAX);
  expect(atLimit.status).toBe(200);
  expect((await atLimit.json()) as unknown[]).toHaveLength(TRPC_BATCH_SIZE_MAX);
  expect((await batch(TRPC_BATCH_SIZE_MAX + 1)).status).toBe(400);
});

test(`a request body of ${REQUEST_BODY_BYTES_MAX} bytes is read; one byte more is 413`, async () => {
  const post = (bytes: number) =>
    fetch(`${edge.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `"${'x'.repeat(bytes - 2)}"`,
    });
  const atLimit = await post(REQUEST_BODY_BYTES_MAX);
  expect(atLimit.status).toBe(400); // read and parsed: a string is not a login input
  expect((await post(REQUEST_BODY_BYTES_MAX + 1)).status).toBe(413);
});

test('a chunked body past the limit (no Content-Length) is cut off with 413', async () => {
  const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > REQUEST_BODY_BYTES_MAX * 4) controller.close();
      else controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
  const response = await fetch(`${edge.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit);
  expect(response.status).toBe(413);
});

test('garbage JSON is a BAD_REQUEST, and edge keeps serving', async () => {
  const response = await fetch(`${edge.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"email": ',
  });
  expect(response.status).toBe(400);
  expect((await fetch(`${edge.url}/healthz`)).status).toBe(200);
});

test('/healthz tells the truth: 503 when the database is unreachable', async () => {
  const config = {
    ...edge.server.edge.services.config,
    databaseUrl: 'postgres://tradewind@127.0.0.1:1/nowhere',
    port: 0,
  };
  const down = await startEdgeServer(config, { logger: pino({ level: 'silent' }) });
  try {
    const response = await fetch(`${down.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', db: 'down' });
    // A procedure that needs the database fails as INTERNAL_SERVER_ERROR without leaking why,
    // and the failure is counted.
    const login = await fetch(`${down.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com', password: 'whatever-password' }),
    });
    expect(login.status).toBe(500);
    const body = (await login.json()) as { error: { message: string } };
    expect(body.error.message).toBe('Internal server error.');
    const metrics = await (await fetch(`${down.url}/metrics`)).text();
    expect(metrics).toMatch(/edge_uncaught_errors_total\{where="trpc"\} 1/);
  } finally {
    await down.close();
  }
});
