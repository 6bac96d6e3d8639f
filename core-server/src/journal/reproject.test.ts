import { createTestDatabase } from '@tradewind/db/testing';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildCore, startChildCore } from '../test-support/child-core';
import { crashEngine } from '../test-support/crash-engine';
import { TestClient } from '../test-support/test-client';
import { createTrader, type TestTrader } from '../test-support/trading-users';
import { encodeCommand, readProjectedSeq, recoverState } from './index';
import { appendCommands } from './journal-store';

/**
 * Acks do not wait for the query tables: with the projection writer blocked (a test transaction
 * holds the `journal_projection` row), orders are still acknowledged once journalled; a SIGKILL
 * then loses their projection, and the next start re-projects it from the journal, once.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let trader: TestTrader;
let child: ChildCore | undefined;
const ORIGIN = { origin: 'http://127.0.0.1:8080' };

beforeAll(async () => {
  db = await createTestDatabase();
  trader = await createTrader(db);
});
afterAll(async () => {
  await child?.kill();
  await db?.close();
});

const order = (n: number, price: string) => ({
  op: 'place',
  id: `p${n}`,
  accountId: trader.accountId,
  place: {
    kind: 'single',
    order: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.0010', price, clientOrderId: `rp-${n}` },
  },
});

const projectedOrders = async () =>
  (
    await db.sql<{ client_order_id: string }[]>`
    select client_order_id from orders where account_id = ${trader.accountId} order by order_id`
  ).map((r) => r.client_order_id);

/** Holds the watermark row in a transaction of its own until `release()`: projection transactions wait on it. */
async function blockProjection(): Promise<{ release: () => Promise<void> }> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked: () => void = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const tx = db.sql.begin(async (t: postgres.TransactionSql) => {
    await t`select seq from journal_projection where id = 1 for update`;
    locked();
    await held;
  });
  await isLocked;
  return {
    release: async () => {
      release();
      await tx;
    },
  };
}

describe('projection after the ack', () => {
  it('acks while the projection is blocked; after SIGKILL the next start re-projects every acked order once', async () => {
    child = await startChildCore(db.url, { SNAPSHOT_EVERY: '5' });
    const c = await TestClient.connect(`ws://127.0.0.1:${child.port}/v1/ws`, ORIGIN);
    c.send({ op: 'auth', id: 'auth', token: await trader.token(Math.floor(Date.now() / 1000)) });
    await c.next('authed');
    expect(await c.request(order(0, '95000.00') as never)).toMatchObject({ type: 'ack', status: 'accepted' });
    const block = await blockProjection();
    const projectedBefore = await readProjectedSeq(db.sql);
    for (let n = 1; n <= 12; n += 1) {
      expect(await c.request(order(n, `${95_000 - n}.00`) as never)).toMatchObject({ type: 'ack', status: 'accepted' });
    }
    await child.kill();
    child = undefined;
    await block.release();
    // The acked orders are journalled but not projected, and no snapshot got past the watermark.
    expect(await readProjectedSeq(db.sql)).toBe(projectedBefore);
    expect((await projectedOrders()).length).toBeLessThanOrEqual(1);
    const [snap] = await db.sql<{ seq: string }[]>`select coalesce(max(seq), 0)::text as seq from journal_snapshots`;
    expect(BigInt(snap?.seq ?? '0')).toBeLessThanOrEqual(projectedBefore);
    const [head] = await db.sql<{ seq: string }[]>`select max(seq)::text as seq from journal_commands`;

    child = await startChildCore(db.url, { SNAPSHOT_EVERY: '5' });
    expect(await readProjectedSeq(db.sql)).toBeGreaterThanOrEqual(BigInt(head?.seq ?? '0'));
    expect(await projectedOrders()).toEqual(Array.from({ length: 13 }, (_, n) => `rp-${n}`));
    const events = await db.sql<{ n: number; distinct: number }[]>`
      select count(*)::int as n, count(distinct payload->'order'->>'clientOrderId')::int as distinct
      from outbox where type = 'order.accepted' and account_id = ${trader.accountId}`;
    expect(events[0]).toEqual({ n: 13, distinct: 13 });
    const owners = await db.sql`select distinct user_id from outbox where account_id = ${trader.accountId}`;
    expect(owners).toEqual([{ user_id: trader.userId }]);
    await c.close();
  }, 60_000);

  it('a command journalled with its deployment tag is re-projected with it', async () => {
    const scratch = await createTestDatabase();
    try {
      const cmds = [
        { type: 'OpenAccount', timeMs: 1, accountId: trader.accountId, kind: 'cash' },
        { type: 'Deposit', timeMs: 1, accountId: trader.accountId, currency: 'USD', amountMinor: 10n ** 9n },
      ] as const;
      const deployment = '6f1c2d3e-0000-4000-8000-000000000001';
      await appendCommands(
        scratch.sql,
        cmds.map((c, i) => ({
          seq: BigInt(i + 1),
          timeMs: 1,
          command: encodeCommand(c),
          tag: i === 1 ? deployment : undefined,
        })),
      );
      const seen: (string | undefined)[] = [];
      await recoverState(scratch.sql, crashEngine(), {
        projectedSeq: 0n,
        atProjected: () => {},
        replayed: (_seq, _timeMs, _events, tag) => seen.push(tag),
        pageDone: async () => {},
      });
      expect(seen).toEqual([undefined, deployment]);
    } finally {
      await scratch.close();
    }
  });
});
