import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from './client';
import { currentSigningKey, ensureSigningKey, listPublicSigningKeys } from './signing-keys';
import { createTestDatabase } from './testing/index';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDatabase();
});
afterAll(() => h.close());

describe('signing keys', () => {
  it('exist after preparation, and ensuring again creates no second key', async () => {
    await Promise.all([ensureSigningKey(h.db), ensureSigningKey(h.db)]);
    const keys = await listPublicSigningKeys(h.db);
    expect(keys).toHaveLength(1);
    const current = await currentSigningKey(h.db);
    expect(current?.kid).toBe(keys[0]?.kid);
    expect(keys[0]?.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(current?.privateKeyPem).toContain('BEGIN PRIVATE KEY');
  });
});
