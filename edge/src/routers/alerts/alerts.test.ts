import { ALERTS_ACTIVE_PER_USER_MAX } from '@tradewind/shared/alerts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

async function user() {
  const client = edge.client();
  const { signedIn } = await registerAndSignIn(client);
  return { client, userId: signedIn.user.id };
}

const rowCount = async () => Number((await edge.db.sql`select count(*)::int as n from price_alerts`)[0]?.n);

describe('alerts.create / list / delete', () => {
  test('a user creates an alert, sees it listed with its threshold ticks stored, and deletes it', async () => {
    const { client, userId } = await user();
    const created = await client.trpc.alerts.create.mutate({
      symbol: 'BTC-USD',
      condition: 'crosses',
      price: '100000.50',
    });
    expect(created).toMatchObject({ symbol: 'BTC-USD', condition: 'crosses', price: '100000.50', status: 'active' });
    const [row] = await edge.db
      .sql`select threshold_ticks::int as t, reference_ticks::int as r, user_id from price_alerts where id = ${created.id}`;
    // BTC-USD ticks are 0.01; with no recorded bars the reference is the simulated market's start price.
    expect(row).toEqual({ t: 10_000_050, r: 9_650_000, user_id: userId });
    expect((await client.trpc.alerts.list.query()).map((a) => a.id)).toEqual([created.id]);
    expect(await client.trpc.alerts.delete.mutate({ id: created.id })).toEqual({ deleted: created.id });
    expect(await client.trpc.alerts.list.query()).toEqual([]);
  });

  test('unknown symbols, off-grid, zero, negative, malformed and absurd prices are typed errors and store nothing', async () => {
    const { client } = await user();
    const before = await rowCount();
    const cases = [
      [{ symbol: 'NOPE-USD', condition: 'above', price: '1' }, 'NOT_FOUND', 'ALERT_SYMBOL_UNKNOWN'],
      [{ symbol: 'BTC-USD', condition: 'above', price: '96500.001' }, 'BAD_REQUEST', 'ALERT_PRICE_OFF_GRID'],
      [{ symbol: 'BTC-USD', condition: 'above', price: '0' }, 'BAD_REQUEST', 'ALERT_PRICE_NOT_POSITIVE'],
      [{ symbol: 'BTC-USD', condition: 'below', price: '-5' }, 'BAD_REQUEST', 'ALERT_PRICE_NOT_POSITIVE'],
      [{ symbol: 'BTC-USD', condition: 'above', price: '1e5' }, 'BAD_REQUEST', 'ALERT_PRICE_MALFORMED'],
      [{ symbol: 'BTC-USD', condition: 'above', price: '965000.01' }, 'BAD_REQUEST', 'ALERT_PRICE_OUT_OF_BAND'],
      [{ symbol: 'BTC-USD', condition: 'crosses', price: '96500.00' }, 'BAD_REQUEST', 'ALERT_PRICE_AT_LAST'],
    ] as const;
    for (const [input, code, reason] of cases) {
      const e = await rejection(client.trpc.alerts.create.mutate(input));
      expect({ code: e.data?.code, reason: e.data?.reason }).toEqual({ code, reason });
    }
    const bad = await rejection(
      client.trpc.alerts.create.mutate({ symbol: 'BTC-USD', condition: 'sideways', price: '1' } as never),
    );
    expect(bad.data?.code).toBe('BAD_REQUEST');
    expect(await rowCount()).toBe(before);
  });

  test(`a user may hold ${ALERTS_ACTIVE_PER_USER_MAX} active alerts: the next one is refused until one is deleted`, async () => {
    const { client } = await user();
    const ids: string[] = [];
    for (let i = 0; i < ALERTS_ACTIVE_PER_USER_MAX; i++) {
      ids.push(
        (await client.trpc.alerts.create.mutate({ symbol: 'ETH-USD', condition: 'above', price: `${4000 + i}.00` })).id,
      );
    }
    const e = await rejection(
      client.trpc.alerts.create.mutate({ symbol: 'ETH-USD', condition: 'above', price: '5000.00' }),
    );
    expect(e.data?.reason).toBe('ALERTS_LIMIT_REACHED');
    await client.trpc.alerts.delete.mutate({ id: ids[0] as string });
    await expect(
      client.trpc.alerts.create.mutate({ symbol: 'ETH-USD', condition: 'above', price: '5000.00' }),
    ).resolves.toMatchObject({
      status: 'active',
    });
  });

  test("user B cannot list or delete user A's alert: NOT_FOUND, and A's alert is still there", async () => {
    const a = await user();
    const b = await user();
    const alert = await a.client.trpc.alerts.create.mutate({
      symbol: 'BTC-USD',
      condition: 'below',
      price: '90000.00',
    });
    expect(await b.client.trpc.alerts.list.query()).toEqual([]);
    const e = await rejection(b.client.trpc.alerts.delete.mutate({ id: alert.id }));
    expect({ code: e.data?.code, reason: e.data?.reason }).toEqual({ code: 'NOT_FOUND', reason: 'ALERT_NOT_FOUND' });
    expect((await a.client.trpc.alerts.list.query()).map((x) => x.id)).toEqual([alert.id]);
    const anon = edge.client();
    expect((await rejection(anon.trpc.alerts.list.query())).data?.code).toBe('UNAUTHORIZED');
  });
});
