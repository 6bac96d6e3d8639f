import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@tradewind/db/testing';
import { parseStep } from '@tradewind/shared';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { manualClock } from '../../clock';
import { MARKET_DATA_DEFAULTS } from '../config';
import { MarketDataService } from '../market-data';
import type { InstrumentGrid } from '../sources/source';

/**
 * Against the real Redis at 127.0.0.1:6379 with a key prefix of this run, deleted after.
 * Without Redis: a failure under CI, a loud skip on a laptop.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tw:test:${randomBytes(6).toString('hex')}:`;
const M = 60_000;
const grid: InstrumentGrid = {
  symbol: 'BTC-USD',
  base: 'BTC',
  quote: 'USD',
  tick: parseStep('0.01'),
  lot: parseStep('0.0001'),
};

async function reachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const redisUp = await reachable();
if (!redisUp) {
  if (process.env.CI)
    throw new Error(`Redis is not reachable at ${REDIS_URL}, and CI is set: the Redis cache tests must run`);
  console.warn(`\n!!! SKIPPING the Redis cache tests: no Redis at ${REDIS_URL} (they fail under CI) !!!\n`);
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: Redis;
const clock = manualClock(Date.UTC(2026, 10, 24, 12));
const redisErrors = { n: 0 };
const lookups: string[] = [];

function service(redisUrl: string | null) {
  return new MarketDataService({
    sql: db.sql,
    config: { ...MARKET_DATA_DEFAULTS, redisUrl, redisPrefix: prefix },
    nowMs: clock.nowMs,
    log: pino({ level: 'silent' }),
    events: {
      lookup: (r) => lookups.push(r),
      refreshSkipped: () => {},
      sourceFailure: () => {},
      redisError: () => {
        redisErrors.n += 1;
      },
    },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new Redis(REDIS_URL);
});
afterAll(async () => {
  if (redisUp) {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    expect(await admin.keys(`${prefix}*`)).toEqual([]);
  }
  admin.disconnect();
  await db.close();
});

test.skipIf(!redisUp)('a second edge instance answers from Redis what the first one loaded', async () => {
  const from = Date.UTC(2026, 9, 1);
  const rows = [0, 1, 2].map((i) => ({
    symbol: 'BTC-USD',
    interval: '1m',
    source: 'recorded',
    open_time: new Date(from + i * M).toISOString(),
    open_ticks: 100,
    high_ticks: 103,
    low_ticks: 99,
    close_ticks: 100 + i,
    volume_lots: 1,
    trade_count: 1,
  }));
  await db.sql`insert into market_bars ${db.sql(rows)}`;
  const a = service(REDIS_URL);
  const b = service(REDIS_URL);
  try {
    expect(await a.sharedReady()).toBe(true);
    expect(await b.sharedReady()).toBe(true);
    expect((await a.candles(grid, '1m', 'recorded', from, from + 3 * M)).bars.map((x) => x[4])).toEqual([
      100, 101, 102,
    ]);
    expect((await admin.keys(`${prefix}*`)).length).toBe(1);
    await db.sql`delete from market_bars where symbol = 'BTC-USD'`;
    lookups.length = 0;
    expect((await b.candles(grid, '1m', 'recorded', from, from + 3 * M)).bars.map((x) => x[4])).toEqual([
      100, 101, 102,
    ]);
    expect(lookups).toEqual(['shared']);
    // invalidation reaches the shared tier too
    await a.invalidate('BTC-USD', '1m', ['recorded'], from, from + 3 * M);
    expect(await admin.keys(`${prefix}*`)).toEqual([]);
  } finally {
    await a.close();
    await b.close();
  }
});

test('with Redis down, candles are still answered (from PostgreSQL) and the errors are counted', async () => {
  const down = service('redis://127.0.0.1:1'); // nothing listens on port 1
  try {
    const from = Date.UTC(2026, 8, 1);
    expect((await down.candles(grid, '1m', 'recorded', from, from + M)).bars).toEqual([]);
    expect(redisErrors.n).toBeGreaterThan(0);
  } finally {
    await down.close();
  }
});
