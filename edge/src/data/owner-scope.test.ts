import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerAndSignIn, startTestEdge, type TestEdge } from '../test-support/edge-harness';
import { ownedBy } from './owner-scope';

/** Tables whose rows belong to a user: routers reach them only through ownedBy (RELIABILITY S4). */
const OWNED_TABLES = [
  'accounts',
  'orders',
  'fills',
  'positions',
  'balances',
  'priceAlerts',
  'equitySamples',
  'backtestJobs',
  'apiKeys',
];
const ROUTERS_DIR = fileURLToPath(new URL('../routers', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test('no router touches an owned table directly (a cheap check that keeps S4 true as routers grow)', () => {
  const files = sourceFiles(ROUTERS_DIR);
  expect(files.length).toBeGreaterThan(5);
  const offenders = files.filter((file) => {
    const text = readFileSync(file, 'utf8');
    return OWNED_TABLES.some((t) =>
      new RegExp(`schema\\.${t}\\b|\\{[^}]*\\b${t}\\b[^}]*\\}\\s*=\\s*schema`).test(text),
    );
  });
  expect(offenders).toEqual([]);
});

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

test("ownedBy finds a user's own account, and nothing when given another user's account id", async () => {
  const alice = await registerAndSignIn(edge.client());
  const bob = await registerAndSignIn(edge.client());
  const [aliceAccount] = await ownedBy(edge.db.db, alice.signedIn.user.id).accounts();
  if (!aliceAccount) throw new Error('alice has no account');
  expect(await ownedBy(edge.db.db, alice.signedIn.user.id).account(aliceAccount.id)).toEqual(aliceAccount);
  expect(await ownedBy(edge.db.db, bob.signedIn.user.id).account(aliceAccount.id)).toBeUndefined();
  const bobAccounts = await ownedBy(edge.db.db, bob.signedIn.user.id).accounts();
  expect(bobAccounts.map((a) => a.id)).not.toContain(aliceAccount.id);
});

test("ownedBy(bob).apiKeys() neither lists nor revokes alice's key", async () => {
  const alice = await registerAndSignIn(edge.client());
  const bob = await registerAndSignIn(edge.client());
  const created = await ownedBy(edge.db.db, alice.signedIn.user.id)
    .apiKeys()
    .create({ name: 'script', scopes: ['read'], expiresAtMs: null }, Date.now(), 10);
  if (created === 'LIMIT') throw new Error('limit');
  const bobKeys = ownedBy(edge.db.db, bob.signedIn.user.id).apiKeys();
  expect(await bobKeys.list(50)).toEqual([]);
  expect(await bobKeys.revoke(created.view.id, Date.now())).toBeUndefined();
  const [aliceKey] = await ownedBy(edge.db.db, alice.signedIn.user.id).apiKeys().list(50);
  expect(aliceKey).toMatchObject({ id: created.view.id, revokedAtMs: null });
});
