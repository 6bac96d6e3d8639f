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
  'strategyDeployments',
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

test("ownedBy(bob).strategies() finds none of alice's deployment, its orders, fills or totals", async () => {
  const alice = await registerAndSignIn(edge.client());
  const bob = await registerAndSignIn(edge.client());
  const [account] = await ownedBy(edge.db.db, alice.signedIn.user.id).accounts();
  if (!account) throw new Error('alice has no account');
  const [row] = await edge.db
    .sql`insert into strategy_deployments (user_id, account_id, strategy_id, params, symbols, interval)
    values (${alice.signedIn.user.id}, ${account.id}, 'sma-cross', '{}'::jsonb, ${['BTC-USD']}, '1m') returning id`;
  const id = String(row?.id);
  await edge.db
    .sql`insert into orders (order_id, account_id, client_order_id, symbol, side, type, time_in_force, status,
      quantity, filled_quantity, deployment_id, created_at, updated_at)
    values (990001, ${account.id}, 'd.1.1', 'BTC-USD', 'buy', 'market', 'IOC', 'filled', 1, 1, ${id}, now(), now())`;
  await edge.db
    .sql`insert into fills (trade_id, order_id, account_id, client_order_id, symbol, side, price, quantity, fee, liquidity, deployment_id, ts)
    values (990001, 990001, ${account.id}, 'd.1.1', 'BTC-USD', 'buy', 100, 1, 0.1, 'taker', ${id}, now())`;
  const aliceOwns = ownedBy(edge.db.db, alice.signedIn.user.id).strategies();
  expect((await aliceOwns.get(id))?.strategyId).toBe('sma-cross');
  expect(await aliceOwns.orders(id, 10)).toHaveLength(1);
  expect(await aliceOwns.totals([id])).toHaveLength(1);
  const bobOwns = ownedBy(edge.db.db, bob.signedIn.user.id).strategies();
  expect(await bobOwns.get(id)).toBeUndefined();
  expect(await bobOwns.list(50)).toEqual([]);
  expect(await bobOwns.orders(id, 10)).toEqual([]);
  expect(await bobOwns.fills(id, 10)).toEqual([]);
  expect(await bobOwns.totals([id])).toEqual([]);
  expect(await bobOwns.openOrders([id])).toEqual(new Map());
});
