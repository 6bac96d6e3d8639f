import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERNAL_PATHS, type PlaceRequest } from '@tradewind/shared/protocol';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';

/**
 * Error mapping only: a small stand-in for core's internal endpoint answers what each test
 * asks for (the reject code rides in the order's clientOrderId). The real core is proven by
 * the e2e journeys and the authorisation matrix (authorisation.test.ts).
 */
const TOKEN = 't'.repeat(43);
let fakeCore: Server;
let edge: TestEdge;
let offline: TestEdge;
const received: { path: string | undefined; auth: string | undefined; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  fakeCore = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => {
      text += c.toString();
    });
    req.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      received.push({ path: req.url, auth: req.headers.authorization, body });
      const code = (
        (body.place as { order?: { clientOrderId?: string } } | undefined)?.order?.clientOrderId ?? 'OK'
      ).split('.')[0];
      if (code === 'OK')
        return void res.writeHead(200).end(JSON.stringify({ ok: true, orderId: '7', status: 'accepted', extra: 1 }));
      if (code === 'GARBAGE') return void res.writeHead(200).end(JSON.stringify({ ok: 'maybe' }));
      res.writeHead(422).end(JSON.stringify({ ok: false, code, message: `core says ${code}` }));
    });
  });
  await new Promise<void>((ok) => fakeCore.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(fakeCore.address() as AddressInfo).port}`;
  edge = await startTestEdge({ coreInternal: { url, serviceToken: TOKEN } });
  offline = await startTestEdge();
});
afterAll(async () => {
  await edge.close();
  await offline.close();
  await new Promise<void>((ok) => fakeCore.close(() => ok()));
});

async function signedIn(e: TestEdge) {
  const client = e.client();
  const { signedIn: s } = await registerAndSignIn(client);
  client.state.accessToken = s.accessToken;
  const me = await client.trpc.auth.me.query();
  const accountId = me.accounts[0]?.id;
  if (!accountId) throw new Error('no account');
  return { client, accountId, userId: s.user.id };
}

const limitBuy = (accountId: string, clientOrderId: string): PlaceRequest => ({
  accountId,
  place: {
    kind: 'single',
    order: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.01', price: '100', clientOrderId },
  },
});

test('an accepted order comes back with only the contract fields; core gets the user id and the token', async () => {
  const { client, accountId, userId } = await signedIn(edge);
  const ack = await client.trpc.trading.place.mutate(limitBuy(accountId, 'OK.1'));
  expect(ack).toEqual({ orderId: '7', status: 'accepted' });
  const last = received.at(-1);
  expect(last?.path).toBe(INTERNAL_PATHS.place);
  expect(last?.auth).toBe(`Bearer ${TOKEN}`);
  expect(last?.body).toMatchObject({ userId, accountId });
});

test("core's rejections arrive with their tRPC code, data.reason = core's code, and core's message", async () => {
  const { client, accountId } = await signedIn(edge);
  const cases = [
    ['RISK_INSUFFICIENT_BUYING_POWER', 'UNPROCESSABLE_CONTENT'],
    ['ORDER_NOT_FOUND', 'NOT_FOUND'],
    ['CORE_JOURNAL_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
    ['RISK_RATE_LIMITED', 'TOO_MANY_REQUESTS'],
    ['OFF_GRID', 'BAD_REQUEST'],
  ] as const;
  for (const [reason, code] of cases) {
    const e = await rejection(client.trpc.trading.place.mutate(limitBuy(accountId, `${reason}.x`)));
    expect({ code: e.data?.code, reason: e.data?.reason, message: e.message }).toEqual({
      code,
      reason,
      message: `core says ${reason}`,
    });
  }
});

test('a body outside the contract is an internal error, not a user error', async () => {
  const { client, accountId } = await signedIn(edge);
  const e = await rejection(client.trpc.trading.place.mutate(limitBuy(accountId, 'GARBAGE.1')));
  expect(e.data?.code).toBe('INTERNAL_SERVER_ERROR');
});

test("another user's account is NOT_FOUND and core is never asked; bad input never reaches core", async () => {
  const alice = await signedIn(edge);
  const bob = await signedIn(edge);
  const before = received.length;
  const e = await rejection(bob.client.trpc.trading.place.mutate(limitBuy(alice.accountId, 'OK.2')));
  expect({ code: e.data?.code, reason: e.data?.reason }).toEqual({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
  const bad = await rejection(
    bob.client.trpc.trading.place.mutate({
      accountId: bob.accountId,
      place: { kind: 'single', order: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '-1' } },
    } as unknown as PlaceRequest),
  );
  expect(bad.data?.code).toBe('BAD_REQUEST');
  expect(received.length).toBe(before);
});

test('without a configured core, order entry says TRADING_UNAVAILABLE', async () => {
  const { client, accountId } = await signedIn(offline);
  const e = await rejection(client.trpc.trading.place.mutate(limitBuy(accountId, 'OK.3')));
  expect({ code: e.data?.code, reason: e.data?.reason }).toEqual({
    code: 'SERVICE_UNAVAILABLE',
    reason: 'TRADING_UNAVAILABLE',
  });
});
