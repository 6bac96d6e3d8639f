import { hashApiKeySecret, parseApiKey } from '@tradewind/db';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';
import { API_KEYS_LIVE_MAX } from './index';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

async function user() {
  const client = edge.client();
  await registerAndSignIn(client);
  return client;
}
const reasonOf = async (call: Promise<unknown>) => {
  const e = await rejection(call);
  return { code: e.data?.code, reason: e.data?.reason };
};

describe('apiKeys.create / list / revoke', () => {
  test('create answers the key text once; only its SHA-256 is stored; list never shows a secret', async () => {
    const client = await user();
    const created = await client.trpc.apiKeys.create.mutate({ name: ' my bot ', scopes: ['trade', 'read'] });
    expect(created).toMatchObject({ name: 'my bot', scopes: ['read', 'trade'], expiresAtMs: null, lastUsedAtMs: null });
    const parsed = parseApiKey(created.key);
    expect(parsed?.id).toBe(created.id);
    const [row] = await edge.db.sql`select secret_hash from api_keys where id = ${created.id}`;
    expect(row?.secret_hash).toBe(hashApiKeySecret(parsed?.secret ?? ''));
    expect(JSON.stringify(await edge.db.sql`select * from api_keys where id = ${created.id}`)).not.toContain(
      parsed?.secret,
    );
    const listed = await client.trpc.apiKeys.list.query();
    expect(listed).toEqual([{ ...created, key: undefined }].map(({ key: _k, ...v }) => v));
    expect(JSON.stringify(listed)).not.toContain(parsed?.secret);
  });

  test('revoke stamps the key once (idempotent); another user revoking it gets NOT_FOUND', async () => {
    const alice = await user();
    const bob = await user();
    const key = await alice.trpc.apiKeys.create.mutate({ name: 'k', scopes: ['read'] });
    expect(await reasonOf(bob.trpc.apiKeys.revoke.mutate({ id: key.id }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'APIKEY_NOT_FOUND',
    });
    const revoked = await alice.trpc.apiKeys.revoke.mutate({ id: key.id });
    expect(revoked.revokedAtMs).not.toBeNull();
    expect((await alice.trpc.apiKeys.revoke.mutate({ id: key.id })).revokedAtMs).toBe(revoked.revokedAtMs);
  });

  test('bad scopes, names and expiries are BAD_REQUEST; the live-key limit is TOO_MANY_REQUESTS; revoking frees a slot', async () => {
    const client = await user();
    const bad = [
      () => client.trpc.apiKeys.create.mutate({ name: 'x', scopes: [] }),
      () => client.trpc.apiKeys.create.mutate({ name: 'x', scopes: ['admin' as 'read'] }),
      () => client.trpc.apiKeys.create.mutate({ name: '  ', scopes: ['read'] }),
    ];
    for (const call of bad) expect((await reasonOf(call())).code).toBe('BAD_REQUEST');
    for (const expiresAtMs of [edge.clock.nowMs() - 1_000, edge.clock.nowMs() + 400 * 86_400_000]) {
      expect(await reasonOf(client.trpc.apiKeys.create.mutate({ name: 'x', scopes: ['read'], expiresAtMs }))).toEqual({
        code: 'BAD_REQUEST',
        reason: 'APIKEY_EXPIRY_INVALID',
      });
    }
    const keys = [];
    for (let i = 0; i < API_KEYS_LIVE_MAX; i += 1) {
      keys.push(await client.trpc.apiKeys.create.mutate({ name: `k${i}`, scopes: ['read'] }));
    }
    expect(await reasonOf(client.trpc.apiKeys.create.mutate({ name: 'one more', scopes: ['read'] }))).toEqual({
      code: 'TOO_MANY_REQUESTS',
      reason: 'APIKEY_LIMIT',
    });
    await client.trpc.apiKeys.revoke.mutate({ id: keys[0]?.id ?? '' });
    const again = await client.trpc.apiKeys.create.mutate({
      name: 'one more',
      scopes: ['read'],
      expiresAtMs: edge.clock.nowMs() + 86_400_000,
    });
    expect(again.expiresAtMs).toBeGreaterThan(edge.clock.nowMs());
  });

  test('signed out, every procedure is UNAUTHORIZED', async () => {
    const anonymous = edge.client();
    expect((await reasonOf(anonymous.trpc.apiKeys.list.query())).code).toBe('UNAUTHORIZED');
    expect((await reasonOf(anonymous.trpc.apiKeys.create.mutate({ name: 'x', scopes: ['read'] }))).code).toBe(
      'UNAUTHORIZED',
    );
  });
});
