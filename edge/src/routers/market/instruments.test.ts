import { INSTRUMENTS } from '@tradewind/shared';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestEdge, type TestEdge } from '../../test-support/edge-harness';
import { INSTRUMENTS_CACHE_TTL_MS } from './instruments';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

test('market.instruments lists the catalog with exact decimal strings, without sign-in', async () => {
  const list = await edge.client().trpc.market.instruments.query();
  expect(list.map((i) => i.symbol).sort()).toEqual(INSTRUMENTS.map((i) => i.symbol).sort());
  expect(list.find((i) => i.symbol === 'BTC-USD')).toEqual({
    symbol: 'BTC-USD',
    kind: 'crypto',
    base: 'BTC',
    quote: 'USD',
    status: 'active',
    tickSize: '0.01',
    lotSize: '0.0001',
    minQtyLots: 1,
    minQty: '0.0001',
    minNotional: '1.00',
  });
  expect(list.find((i) => i.symbol === 'AAPL')).toMatchObject({ kind: 'stock', tickSize: '0.01', lotSize: '1' });
});

test('the list is cached briefly: a change shows after the TTL, not before', async () => {
  const status = async () =>
    (await edge.client().trpc.market.instruments.query()).find((i) => i.symbol === 'TSLA')?.status;
  expect(await status()).toBe('active');
  await edge.db.sql`update instruments set status = 'halted' where symbol = 'TSLA'`;
  expect(await status()).toBe('active');
  edge.clock.advanceMs(INSTRUMENTS_CACHE_TTL_MS);
  expect(await status()).toBe('halted');
  await edge.db.sql`update instruments set status = 'active' where symbol = 'TSLA'`;
  edge.clock.advanceMs(INSTRUMENTS_CACHE_TTL_MS);
});
