import { afterAll, beforeAll, expect, test } from 'vitest';
import { REFRESH_TOKEN_TTL_MS } from '../../identity/tokens';
import { registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

const refreshCookie = (client: ReturnType<TestEdge['client']>) => client.jar.cookies.get('tw_refresh')?.value;

test('refresh issues a new access token and rotates the refresh cookie', async () => {
  const client = edge.client();
  const { signedIn } = await registerAndSignIn(client);
  const first = refreshCookie(client);
  edge.clock.advanceMs(60_000);
  const refreshed = await client.trpc.auth.refresh.mutate();
  expect(refreshed.user.id).toBe(signedIn.user.id);
  expect(refreshed.accessToken).not.toBe(signedIn.accessToken);
  expect(refreshed.accessTokenExpiresAtMs).toBe(edge.clock.nowMs() + 10 * 60 * 1000);
  const second = refreshCookie(client);
  expect(second).toBeDefined();
  expect(second).not.toBe(first);
  client.state.accessToken = refreshed.accessToken;
  expect((await client.trpc.auth.me.query()).id).toBe(signedIn.user.id);
  const [row] = await edge.db.sql`select count(*)::int as n from refresh_tokens where token_hash = ${first ?? ''}`;
  expect(row?.n).toBe(0); // only hashes are stored
});

test('reusing a spent refresh token revokes the whole family: the newest token stops working too', async () => {
  const client = edge.client();
  const { signedIn } = await registerAndSignIn(client);
  const spent = refreshCookie(client) ?? '';
  await client.trpc.auth.refresh.mutate();
  const thief = edge.client();
  thief.jar.cookies.set('tw_refresh', { value: spent, path: '/trpc' });
  const reuse = await rejection(thief.trpc.auth.refresh.mutate());
  expect(reuse.data?.code).toBe('UNAUTHORIZED');
  expect(reuse.data?.reason).toBe('AUTH_REFRESH_REUSED');
  // The legitimate client's current token belongs to the revoked family.
  const after = await rejection(client.trpc.auth.refresh.mutate());
  expect(after.data?.code).toBe('UNAUTHORIZED');
  expect(after.data?.reason).toBe('AUTH_REFRESH_INVALID');
  // And the access token of that session is refused at once.
  const me = await rejection(client.trpc.auth.me.query());
  expect(me.data?.reason).toBe('AUTH_SESSION_REVOKED');
  const sessions = await edge.db.sql`select revoke_reason from sessions where user_id = ${signedIn.user.id}`;
  expect(sessions.map((s) => s.revoke_reason)).toEqual(['refresh_reuse']);
});

test('refresh without a cookie, or with a made-up one, is UNAUTHORIZED', async () => {
  const missing = await rejection(edge.client().trpc.auth.refresh.mutate());
  expect(missing.data?.reason).toBe('AUTH_REFRESH_MISSING');
  const forged = edge.client();
  forged.jar.cookies.set('tw_refresh', { value: 'A'.repeat(43), path: '/trpc' });
  expect((await rejection(forged.trpc.auth.refresh.mutate())).data?.reason).toBe('AUTH_REFRESH_INVALID');
  const malformed = edge.client();
  malformed.jar.cookies.set('tw_refresh', { value: 'not-a-token', path: '/trpc' });
  expect((await rejection(malformed.trpc.auth.refresh.mutate())).data?.reason).toBe('AUTH_REFRESH_INVALID');
});

test('an expired refresh token is refused', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  edge.clock.advanceMs(REFRESH_TOKEN_TTL_MS + 1);
  expect((await rejection(client.trpc.auth.refresh.mutate())).data?.reason).toBe('AUTH_REFRESH_EXPIRED');
});

test('logout revokes the session, clears the cookie, and is idempotent', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  const token = refreshCookie(client) ?? '';
  expect(await client.trpc.auth.logout.mutate()).toEqual({ ok: true });
  expect(refreshCookie(client)).toBeUndefined();
  expect(client.jar.setCookieHeaders.at(-1)).toMatch(/^tw_refresh=; Path=\/trpc; Max-Age=0/);
  expect((await rejection(client.trpc.auth.me.query())).data?.reason).toBe('AUTH_SESSION_REVOKED');
  const replay = edge.client();
  replay.jar.cookies.set('tw_refresh', { value: token, path: '/trpc' });
  expect((await rejection(replay.trpc.auth.refresh.mutate())).data?.code).toBe('UNAUTHORIZED');
  expect(await client.trpc.auth.logout.mutate()).toEqual({ ok: true });
});

test('logout with only a bearer token (a script, no cookie) ends that session', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  client.jar.cookies.clear();
  await client.trpc.auth.logout.mutate();
  expect((await rejection(client.trpc.auth.me.query())).data?.reason).toBe('AUTH_SESSION_REVOKED');
});

test('refresh from another origin is refused even with the cookie', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  const response = await fetch(`${edge.url}/trpc/auth.refresh`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Cookie: `tw_refresh=${refreshCookie(client)}`,
      Origin: 'https://evil.example',
    },
  });
  expect(response.status).toBe(403);
  // What a cross-site HTML form can send (no preflight) is not even parsed by tRPC.
  const form = await fetch(`${edge.url}/trpc/auth.refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Cookie: `tw_refresh=${refreshCookie(client)}` },
  });
  expect(form.status).toBe(415);
  // The cookie was not spent: the real client can still refresh.
  await client.trpc.auth.refresh.mutate();
});

test('two logins are two sessions: logging out of one leaves the other signed in', async () => {
  const phone = edge.client();
  const { input } = await registerAndSignIn(phone);
  const laptop = edge.client();
  laptop.state.accessToken = (await laptop.trpc.auth.login.mutate(input)).accessToken;
  await phone.trpc.auth.logout.mutate();
  expect((await laptop.trpc.auth.me.query()).email).toBe(input.email);
  await laptop.trpc.auth.refresh.mutate();
});

test('two refreshes racing with the same token: one wins, the other counts as reuse and ends the session', async () => {
  const client = edge.client();
  await registerAndSignIn(client);
  const token = refreshCookie(client) ?? '';
  const tabs = [edge.client(), edge.client()];
  for (const tab of tabs) tab.jar.cookies.set('tw_refresh', { value: token, path: '/trpc' });
  const results = await Promise.allSettled(tabs.map((tab) => tab.trpc.auth.refresh.mutate()));
  expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  // The winner's new token belongs to the revoked family: the client must serialise refreshes.
  const winner = tabs[results.findIndex((r) => r.status === 'fulfilled')];
  expect((await rejection(winner?.trpc.auth.refresh.mutate() ?? Promise.resolve())).data?.code).toBe('UNAUTHORIZED');
});
