import { WS_CLOSE_SESSION_REVOKED } from '@tradewind/shared/protocol';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import {
  registerAndSignIn,
  startTestEdgeWithCore,
  type TestClient,
  type TestEdge,
} from '../../test-support/edge-harness';

/**
 * RELIABILITY S2 end to end: edge's logout cuts the access token off at the core too (a real
 * core process on the same database): its REST refuses it and its sockets close within a second.
 */
const CLOSE_WITHIN_MS = 1_000;
const WAIT_MS = 5_000;

let edge: TestEdge;
let coreUrl: string;
beforeAll(async () => {
  edge = await startTestEdgeWithCore();
  coreUrl = edge.coreUrl ?? '';
  // The core child runs on the real clock: edge must sign tokens the core finds current.
  edge.clock.setMs(Date.now());
});
afterAll(() => edge?.close());

type CoreSocket = { ws: WebSocket; closed: Promise<{ code: number; reason: string; atMs: number }> };

/** A socket to the core, authenticated with the token (resolves on `authed`). */
async function coreSocket(token: string): Promise<CoreSocket> {
  const ws = new WebSocket(`${coreUrl.replace('http', 'ws')}/v1/ws`);
  const closed = new Promise<{ code: number; reason: string; atMs: number }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString(), atMs: performance.now() }));
  });
  const answer = await new Promise<{ type: string; code?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no auth answer from core')), WAIT_MS);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; id?: string; code?: string };
      if (frame.id !== 'a') return;
      clearTimeout(timer);
      resolve(frame);
    });
    ws.once('open', () => ws.send(JSON.stringify({ op: 'auth', id: 'a', token })));
    ws.once('error', reject);
  });
  if (answer.type !== 'authed') throw new Error(`core refused the token: ${answer.code}`);
  return { ws, closed };
}

async function coreOrders(accountId: string, token: string): Promise<{ status: number; code?: string }> {
  const r = await fetch(`${coreUrl}/v1/accounts/${accountId}/orders`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await r.json()) as { code?: string };
  return { status: r.status, ...(body.code === undefined ? {} : { code: body.code }) };
}

async function accountOf(client: TestClient): Promise<string> {
  const accountId = (await client.trpc.auth.me.query()).accounts[0]?.id;
  if (accountId === undefined) throw new Error('no account');
  return accountId;
}

test('logout: core refuses the access token on REST and closes its socket within a second; a new login works', async () => {
  const client = edge.client();
  const { input, signedIn } = await registerAndSignIn(client);
  const token = signedIn.accessToken;
  const accountId = await accountOf(client);
  const socket = await coreSocket(token);
  expect(await coreOrders(accountId, token)).toEqual({ status: 200 });

  const start = performance.now();
  await client.trpc.auth.logout.mutate();
  const closed = await Promise.race([
    socket.closed,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), WAIT_MS)),
  ]);
  expect(closed).toMatchObject({ code: WS_CLOSE_SESSION_REVOKED, reason: 'session revoked' });
  expect((closed?.atMs ?? Number.POSITIVE_INFINITY) - start).toBeLessThan(CLOSE_WITHIN_MS);
  expect(await coreOrders(accountId, token)).toEqual({ status: 401, code: 'AUTH_SESSION_REVOKED' });
  await expect(coreSocket(token)).rejects.toThrow('AUTH_SESSION_REVOKED');

  // A fresh login is a new session: REST and the socket take its token.
  const again = await edge.client().trpc.auth.login.mutate(input);
  expect(await coreOrders(accountId, again.accessToken)).toEqual({ status: 200 });
  const fresh = await coreSocket(again.accessToken);
  fresh.ws.close();
});

test("a password change closes every earlier socket of the user within a second; the changing device's new token works", async () => {
  const phone = edge.client();
  const { input } = await registerAndSignIn(phone);
  const accountId = await accountOf(phone);
  const laptop = edge.client();
  const laptopToken = (await laptop.trpc.auth.login.mutate(input)).accessToken;
  const sockets = [await coreSocket(phone.state.accessToken ?? ''), await coreSocket(laptopToken)];

  // A second later on the token clock (whole seconds), so the "valid after" cut-off itself refuses the old tokens.
  edge.clock.setMs(Math.max(Date.now(), edge.clock.nowMs() + 1_000));
  const start = performance.now();
  const changed = await phone.trpc.auth.changePassword.mutate({
    currentPassword: input.password,
    newPassword: 'a new passphrase for core',
  });
  const closed = await Promise.all(
    sockets.map((s) =>
      Promise.race([s.closed, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), WAIT_MS))]),
    ),
  );
  for (const c of closed) {
    expect(c).toMatchObject({ code: WS_CLOSE_SESSION_REVOKED, reason: 'session revoked' });
    expect((c?.atMs ?? Number.POSITIVE_INFINITY) - start).toBeLessThan(CLOSE_WITHIN_MS);
  }
  expect(await coreOrders(accountId, laptopToken)).toEqual({ status: 401, code: 'AUTH_SESSION_REVOKED' });
  await expect(coreSocket(laptopToken)).rejects.toThrow('AUTH_SESSION_REVOKED');

  expect(await coreOrders(accountId, changed.accessToken)).toEqual({ status: 200 });
  const fresh = await coreSocket(changed.accessToken);
  fresh.ws.close();
});
