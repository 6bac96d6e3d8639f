import { generateKeyPairSync } from 'node:crypto';
import { currentSigningKey, listPublicSigningKeys } from '@tradewind/db';
import { ACCESS_TOKEN_TTL_S, signAccessToken } from '@tradewind/shared/auth';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { KEY_RELOAD_INTERVAL_MIN_MS, type Signer } from '../../identity/key-ring';
import { registerAndSignIn, startTestEdge, type TestEdge } from '../../test-support/edge-harness';

let edge: TestEdge;
let victim: { userId: string; sessionId: string };
let signer: Signer;

beforeAll(async () => {
  edge = await startTestEdge();
  const client = edge.client();
  const { signedIn } = await registerAndSignIn(client);
  const [session] = await edge.db.sql`select id from sessions where user_id = ${signedIn.user.id}`;
  victim = { userId: signedIn.user.id, sessionId: session?.id as string };
  const row = await currentSigningKey(edge.db.db);
  if (!row) throw new Error('test database has no signing key');
  signer = { kid: row.kid, key: await importPKCS8(row.privateKeyPem, 'EdDSA') };
});
afterAll(() => edge.close());

const nowS = () => Math.floor(edge.clock.nowMs() / 1000);
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function claims(overrides: Record<string, unknown> = {}) {
  const iat = nowS();
  return {
    sub: victim.userId,
    sid: victim.sessionId,
    role: 'user',
    iss: 'tradewind-edge',
    aud: 'tradewind',
    iat,
    nbf: iat,
    exp: iat + ACCESS_TOKEN_TTL_S,
    ...overrides,
  };
}

/** Calls auth.me with a raw Authorization header; returns the tRPC error's reason (or 'OK'). */
async function meWith(authorization: string | undefined): Promise<string> {
  const response = await fetch(`${edge.url}/trpc/auth.me`, {
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });
  if (response.ok) return 'OK';
  expect(response.status).toBe(401);
  const body = (await response.json()) as { error: { data: { reason: string } } };
  return body.error.data.reason;
}

test('a token we signed for a live session is accepted (the baseline the refusals below differ from)', async () => {
  const token = await signAccessToken({ ...victim, role: 'user' }, signer, nowS());
  expect(await meWith(`Bearer ${token}`)).toBe('OK');
});

test('no token, or a header that is not a bearer token, is refused', async () => {
  expect(await meWith(undefined)).toBe('AUTH_TOKEN_MISSING');
  expect(await meWith('Basic dXNlcjpwYXNz')).toBe('AUTH_TOKEN_INVALID');
  expect(await meWith('Bearer not.a.jwt')).toBe('AUTH_TOKEN_INVALID');
  expect(await meWith(`Bearer ${'a'.repeat(5000)}`)).toBe('AUTH_TOKEN_INVALID');
});

test('an expired token is refused as expired', async () => {
  const token = await signAccessToken({ ...victim, role: 'user' }, signer, nowS() - ACCESS_TOKEN_TTL_S - 60);
  expect(await meWith(`Bearer ${token}`)).toBe('AUTH_TOKEN_EXPIRED');
});

test('alg "none" is refused', async () => {
  const token = `${b64({ alg: 'none', typ: 'at+jwt', kid: signer.kid })}.${b64(claims())}.`;
  expect(await meWith(`Bearer ${token}`)).toBe('AUTH_TOKEN_INVALID');
});

test('HS256 signed with our public key as the HMAC secret is refused', async () => {
  const [pub] = await listPublicSigningKeys(edge.db.db);
  const secret = new TextEncoder().encode(pub?.publicKeyPem);
  const token = await new SignJWT(claims())
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: signer.kid })
    .sign(secret);
  expect(await meWith(`Bearer ${token}`)).toBe('AUTH_TOKEN_INVALID');
});

test('a wrong audience, a wrong issuer or a wrong typ is refused', async () => {
  const sign = (c: object, typ = 'at+jwt') =>
    new SignJWT(c as Record<string, unknown>)
      .setProtectedHeader({ alg: 'EdDSA', typ, kid: signer.kid })
      .sign(signer.key);
  expect(await meWith(`Bearer ${await sign(claims({ aud: 'some-other-api' }))}`)).toBe('AUTH_TOKEN_INVALID');
  expect(await meWith(`Bearer ${await sign(claims({ iss: 'someone-else' }))}`)).toBe('AUTH_TOKEN_INVALID');
  expect(await meWith(`Bearer ${await sign(claims(), 'JWT')}`)).toBe('AUTH_TOKEN_INVALID');
});

test('a token signed by a key we do not hold is refused, whatever kid or jku it names', async () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const sign = (header: Record<string, string>) =>
    new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', ...header }).sign(privateKey);
  expect(await meWith(`Bearer ${await sign({ kid: 'k-attacker' })}`)).toBe('AUTH_TOKEN_INVALID');
  expect(await meWith(`Bearer ${await sign({ kid: signer.kid })}`)).toBe('AUTH_TOKEN_INVALID');
  const jku = await sign({ kid: 'k-attacker', jku: 'http://127.0.0.1:1/jwks.json' });
  expect(await meWith(`Bearer ${jku}`)).toBe('AUTH_TOKEN_INVALID');
});

test('a token whose session was revoked is refused', async () => {
  const client = edge.client();
  const { signedIn } = await registerAndSignIn(client);
  expect(await meWith(`Bearer ${signedIn.accessToken}`)).toBe('OK');
  await edge.db
    .sql`update sessions set revoked_at = now(), revoke_reason = 'logout' where user_id = ${signedIn.user.id}`;
  expect(await meWith(`Bearer ${signedIn.accessToken}`)).toBe('AUTH_SESSION_REVOKED');
});

test("a token issued before the user's tokens_valid_after is refused", async () => {
  const client = edge.client();
  const { input, signedIn } = await registerAndSignIn(client);
  const cutOff = new Date(edge.clock.nowMs() + 1000).toISOString();
  await edge.db.sql`update users set tokens_valid_after = ${cutOff} where id = ${signedIn.user.id}`;
  expect(await meWith(`Bearer ${signedIn.accessToken}`)).toBe('AUTH_SESSION_REVOKED');
  // A sign-in after the cut-off works.
  edge.clock.advanceMs(2000);
  const again = await edge.client().trpc.auth.login.mutate(input);
  expect(await meWith(`Bearer ${again.accessToken}`)).toBe('OK');
});

test("a token naming another user's session is refused", async () => {
  const other = edge.client();
  const { signedIn } = await registerAndSignIn(other);
  const token = await signAccessToken(
    { userId: signedIn.user.id, sessionId: victim.sessionId, role: 'user' },
    signer,
    nowS(),
  );
  expect(await meWith(`Bearer ${token}`)).toBe('AUTH_SESSION_REVOKED');
});

test('a key added to the database (rotation) verifies on first sight of its kid', async () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kid = 'k-rotated-in';
  await edge.db.sql`insert into signing_keys (kid, alg, public_key_pem, private_key_pem) values (${kid}, 'EdDSA',
    ${publicKey.export({ type: 'spki', format: 'pem' }).toString()},
    ${privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()})`;
  edge.clock.advanceMs(KEY_RELOAD_INTERVAL_MIN_MS);
  const token = await signAccessToken(
    { ...victim, role: 'user' },
    { kid, key: privateKey as unknown as Signer['key'] },
    nowS(),
  );
  expect(await meWith(`Bearer ${token}`)).toBe('OK');
});
